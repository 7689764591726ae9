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


class ChangeDisplayLogTests(BaseTestCase):
    def test_the_log_replays_to_the_same_count_and_records_the_new_display(self) -> None:
        from tests.ledger.helpers import logged_fields, replayed_count, root_matches
        from undersigned.ledger import sequencer
        from undersigned.letters import display

        signature = self.sign_and_confirm(name="Ada Lovelace")
        sequencer.sequence_all(notify=False)
        first = logged_fields(self.letter)[-1]
        display.change_display(signature, "name")
        sequencer.sequence_all(notify=False)
        fields = logged_fields(self.letter)
        self.assertEqual([f["kind"] for f in fields[-2:]], ["withdraw", "sign"])
        self.assertNotEqual(fields[-1]["display"], first["display"])
        self.assertEqual(replayed_count(self.letter), 1)
        counts = self.client.get("/l/solidarity/count.json").json()
        self.assertEqual((counts["count"], counts["logged_count"]), (1, 1))
        self.assertTrue(root_matches(self.letter))
