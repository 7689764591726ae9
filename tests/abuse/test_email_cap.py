"""Finding 3: five submissions with someone's email stopped them signing, for ever."""

from django.core import mail
from django.core.cache import cache

from tests.base import BaseTestCase, links_in
from undersigned.letters import services
from undersigned.letters.models import Signature


class EmailCapTests(BaseTestCase):
    def test_the_cap_is_per_window_not_for_life(self) -> None:
        for _ in range(5):
            self.sign(name="Offensive Name")
        mail.outbox.clear()
        self.sign(name="Ada Lovelace")
        self.assertEqual(len(mail.outbox), 0)  # the window's cap is reached
        cache.clear()  # the window passes
        self.sign(name="Ada Lovelace")
        self.assertEqual(len(mail.outbox), 1)

    def test_a_new_submission_replaces_an_unconfirmed_signatures_details(self) -> None:
        self.sign(name="Offensive Name", role="Troll", display="full")
        mail.outbox.clear()
        self.sign(name="Ada Lovelace", role="Steward", display="name")
        signature = Signature.objects.get(email="ada@example.org")
        self.assertEqual(
            (signature.name, signature.role, signature.display), ("Ada Lovelace", "Steward", "name")
        )
        self.client.post(links_in(mail.outbox[-1])["confirm"])
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(page, "Ada Lovelace")
        self.assertNotContains(page, "Offensive Name")

    def test_withdrawing_resets_the_cap(self) -> None:
        signature = self.sign_and_confirm()
        for _ in range(5):
            self.sign()
        services.withdraw(signature.uid)
        mail.outbox.clear()
        self.sign()
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("confirm", links_in(mail.outbox[0]))
