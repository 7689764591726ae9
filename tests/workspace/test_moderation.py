from tests.base import BaseTestCase
from undersigned.accounts.models import AuditEntry
from undersigned.letters.models import Signature

BASE = "/workspace/northern/letters/solidarity/"


class ModerationQueueTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.fine = self.sign_and_confirm(name="Fine Person", email="fine@example.org")
        self.flagged = self.sign_and_confirm(name="123456", email="num@example.org")
        self.client.force_login(self.moderator)

    def test_the_queue_lists_flagged_signatures_with_the_reason(self) -> None:
        page = self.client.get(BASE + "moderation/")
        self.assertContains(page, "Flagged for review (1)")
        self.assertContains(page, "123456")
        self.assertContains(page, "Name is only digits")
        self.assertNotContains(page, "Fine Person")

    def test_search_finds_any_confirmed_signature(self) -> None:
        page = self.client.get(BASE + "moderation/", {"q": "fine"})
        self.assertContains(page, "Fine Person")
        self.assertContains(page, "Remove…")

    def test_approving_takes_it_off_the_queue(self) -> None:
        response = self.client.post(BASE + f"signatures/{self.flagged.pk}/approve/")
        self.assertRedirects(response, BASE + "moderation/")
        self.assertContains(self.client.get(BASE + "moderation/"), "Nothing waiting for review")
        self.assertTrue(AuditEntry.objects.filter(action="approved", actor=self.moderator))

    def test_the_remove_page_lists_the_reasons(self) -> None:
        page = self.client.get(BASE + f"signatures/{self.flagged.pk}/remove/")
        self.assertContains(page, "Spam or automated signing")
        self.assertContains(page, "Not eligible to sign this letter")
        self.assertContains(page, ">Remove signature<")

    def test_removing_needs_a_reason(self) -> None:
        response = self.client.post(BASE + f"signatures/{self.flagged.pk}/remove/", {})
        self.assertContains(response, "Choose a reason.", status_code=400)
        response = self.client.post(
            BASE + f"signatures/{self.flagged.pk}/remove/", {"reason": "other"}
        )
        self.assertContains(response, "Say why", status_code=400)
        response = self.client.post(
            BASE + f"signatures/{self.flagged.pk}/remove/", {"reason": "made-up"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Signature.objects.get(pk=self.flagged.pk).status, "confirmed")

    def test_removed_signatures_are_listed_with_a_restore_button(self) -> None:
        self.client.post(
            BASE + f"signatures/{self.flagged.pk}/remove/",
            {"reason": "other", "note": "Phone number, not a name"},
        )
        page = self.client.get(BASE + "moderation/")
        self.assertContains(page, "Removed by moderators (1)")
        self.assertContains(page, "Phone number, not a name")
        self.assertContains(page, ">Restore<")
        self.client.post(BASE + f"signatures/{self.flagged.pk}/restore/")
        self.letter.refresh_from_db()
        self.assertEqual((self.letter.confirmed_count, self.letter.removed_count), (2, 0))

    def test_a_signer_withdrawal_needs_no_moderator(self) -> None:
        from undersigned.letters import services

        services.withdraw(self.flagged.uid)
        page = self.client.get(BASE + "moderation/")
        self.assertContains(page, "Nothing waiting for review")
