from tests.base import BaseTestCase
from undersigned.ledger.models import PendingEvent
from undersigned.letters import services
from undersigned.letters.models import Signature


class RemoveRestoreTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.signature = self.sign_and_confirm()

    def counts(self) -> tuple[int, int]:
        self.letter.refresh_from_db()
        return self.letter.confirmed_count, self.letter.removed_count

    def test_removing_moves_the_counters_and_logs_the_reason(self) -> None:
        self.assertTrue(services.remove(self.signature, self.moderator, "spam", "bot"))
        self.assertEqual(self.counts(), (0, 1))
        self.signature.refresh_from_db()
        self.assertEqual(self.signature.status, "removed")
        self.assertEqual(self.signature.removal_reason, "spam")
        self.assertEqual(self.signature.removed_by, self.moderator)
        event = PendingEvent.objects.get(kind="remove")
        self.assertEqual((event.item_id, event.reason), (self.signature.pk, "spam"))

    def test_removing_twice_removes_once(self) -> None:
        services.remove(self.signature, self.moderator, "spam")
        self.assertFalse(services.remove(self.signature, self.moderator, "spam"))
        self.assertEqual(self.counts(), (0, 1))

    def test_an_unknown_reason_is_refused_and_nothing_changes(self) -> None:
        with self.assertRaises(ValueError):
            services.remove(self.signature, self.moderator, "because")
        self.assertEqual(self.counts(), (1, 0))

    def test_a_pending_signature_cannot_be_removed(self) -> None:
        pending = services.sign(self.letter, name="Bo", email="bo@example.org")
        self.assertFalse(services.remove(pending, self.moderator, "spam"))
        self.assertEqual(Signature.objects.get(pk=pending.pk).status, "pending")

    def test_restoring_moves_the_counters_back_and_logs_it(self) -> None:
        services.remove(self.signature, self.moderator, "spam")
        self.assertTrue(services.restore(self.signature, self.moderator))
        self.assertEqual(self.counts(), (1, 0))
        self.signature.refresh_from_db()
        self.assertEqual((self.signature.status, self.signature.review), ("confirmed", "approved"))
        self.assertTrue(PendingEvent.objects.filter(kind="restore").exists())

    def test_restoring_a_confirmed_signature_does_nothing(self) -> None:
        self.assertFalse(services.restore(self.signature, self.moderator))
        self.assertEqual(self.counts(), (1, 0))

    def test_the_public_page_says_how_many_moderators_removed(self) -> None:
        services.remove(self.signature, self.moderator, "spam")
        page = self.client.get("/l/solidarity/")
        self.assertContains(page, "1 signature removed by moderators")
        self.assertNotContains(page, "Ada Lovelace")
        self.assertContains(page, 'data-live-count="solidarity">0<')

    def test_a_signer_can_still_withdraw_after_removal(self) -> None:
        services.remove(self.signature, self.moderator, "spam")
        outcome, _ = services.withdraw(self.signature.uid)
        self.assertEqual(outcome, services.Withdrawn.NOW)
        self.assertEqual(self.counts()[0], 0)

    def test_approving_keeps_the_signature_and_clears_the_flag(self) -> None:
        Signature.objects.filter(pk=self.signature.pk).update(review="flagged")
        self.assertTrue(services.approve(self.signature, self.moderator))
        self.assertEqual(self.signature.review, "approved")
        self.assertEqual(self.counts(), (1, 0))
