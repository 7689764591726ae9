"""A confirmed signer changes how their name shows without withdrawing (issue 17 #14)."""

from django.core import mail

from tests.base import BaseTestCase, links_in
from undersigned.ledger.models import PendingEvent
from undersigned.letters.models import Letter


class ChangeDisplayTests(BaseTestCase):
    def test_a_signer_hides_their_name_and_stays_counted(self) -> None:
        self.sign_and_confirm(name="Ada Lovelace")
        withdraw = links_in(mail.outbox[-1])["withdraw"]
        page = self.client.get(withdraw)
        self.assertContains(page, "Or change how your signature shows")
        response = self.client.post(withdraw, {"display": "hidden"}, follow=True)
        self.assertContains(response, "your signature now shows as you chose")
        self.assertNotContains(self.client.get("/l/solidarity/"), "Ada Lovelace")
        self.assertEqual(Letter.objects.get(slug="solidarity").confirmed_count, 1)
        kinds = list(PendingEvent.objects.order_by("id").values_list("kind", flat=True))
        self.assertEqual(kinds[-2:], ["withdraw", "sign"])

    def test_a_pending_signature_has_no_display_form(self) -> None:
        self.sign()
        withdraw = links_in(mail.outbox[-1])["withdraw"]
        self.assertNotContains(self.client.get(withdraw), "Or change how your signature shows")
        self.client.post(withdraw, {"display": "hidden"})
        self.assertEqual(Letter.objects.get(slug="solidarity").confirmed_count, 0)
