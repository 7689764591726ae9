"""Moderators' removals and restorations reach the public log, and the replayed count
follows the page's count through them."""

from tests.base import BaseTestCase
from tests.ledger.helpers import logged_fields, replayed_count, root_matches
from undersigned.ledger import sequencer
from undersigned.letters import services


class ModerationLogTests(BaseTestCase):
    def count_json(self) -> dict[str, int]:
        return self.client.get(f"/l/{self.letter.slug}/count.json").json()

    def test_a_removal_and_a_restoration_are_logged_with_the_reason(self) -> None:
        kept = self.sign_and_confirm(email="kept@example.org", name="Kept")
        removed = self.sign_and_confirm(email="spam@example.org", name="Spam Bot")
        sequencer.sequence_all(notify=False)
        removed.refresh_from_db()
        sign_index = removed.log_index
        self.assertIsNotNone(sign_index)

        services.remove(removed, self.moderator, "spam", "obvious bot")
        sequencer.sequence_all(notify=False)
        fields = logged_fields(self.letter)
        self.assertEqual(fields[-1]["kind"], "remove")
        self.assertEqual(fields[-1]["ref"], str(sign_index))
        self.assertEqual(fields[-1]["reason"], "spam")
        self.assertNotIn("obvious bot", str(fields))  # the note is private
        self.assertEqual(replayed_count(self.letter), 1)
        counts = self.count_json()
        self.assertEqual((counts["count"], counts["logged_count"]), (1, 1))

        services.restore(removed, self.moderator)
        sequencer.sequence_all(notify=False)
        self.assertEqual(logged_fields(self.letter)[-1]["kind"], "restore")
        self.assertEqual(replayed_count(self.letter), 2)
        counts = self.count_json()
        self.assertEqual((counts["count"], counts["logged_count"]), (2, 2))
        self.assertTrue(root_matches(self.letter))
        self.assertEqual(kept.status, "confirmed")

    def test_erasure_keeps_the_log_and_the_count_valid(self) -> None:
        signature = self.sign_and_confirm()
        sequencer.sequence_all(notify=False)
        before = logged_fields(self.letter)
        services.erase(signature)
        sequencer.sequence_all(notify=False)
        self.assertEqual(logged_fields(self.letter), before)
        self.assertNotIn("ada@example.org", str(before))
        self.assertNotIn("Lovelace", str(before))
        counts = self.count_json()
        self.assertEqual((counts["count"], counts["logged_count"]), (1, 1))
