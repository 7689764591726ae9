from django.core import mail

from tests.base import BaseTestCase, links_in
from undersigned.letters.models import Signature


class WithdrawTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.signature = self.sign_and_confirm()
        self.links = links_in(mail.outbox[0])

    def test_opening_the_link_shows_a_button_and_changes_nothing(self) -> None:
        response = self.client.get(self.links["withdraw"])
        self.assertContains(response, "Withdraw my signature")
        self.signature.refresh_from_db()
        self.assertEqual(self.signature.status, "confirmed")

    def test_withdrawing_leaves_the_count_and_the_list_at_once(self) -> None:
        response = self.client.post(self.links["withdraw"])
        self.assertContains(response, "Your signature has been withdrawn")
        self.signature.refresh_from_db()
        self.assertEqual(self.signature.status, "withdrawn")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 0)
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertNotContains(page, "Ada Lovelace")

    def test_withdrawing_twice_counts_down_once(self) -> None:
        self.sign_and_confirm(email="bob@example.org", name="Bob")
        self.client.post(self.links["withdraw"])
        response = self.client.post(self.links["withdraw"])
        self.assertContains(response, "already withdrawn")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)

    def test_a_pending_signature_can_be_withdrawn(self) -> None:
        mail.outbox.clear()
        self.sign(email="pending@example.org")
        self.client.post(links_in(mail.outbox[0])["withdraw"])
        self.assertEqual(Signature.objects.get(email="pending@example.org").status, "withdrawn")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)

    def test_a_forged_token_is_refused(self) -> None:
        response = self.client.post(f"/l/{self.letter.slug}/withdraw/{self.signature.uid.hex}/")
        self.assertEqual(response.status_code, 404)
        self.signature.refresh_from_db()
        self.assertEqual(self.signature.status, "confirmed")
