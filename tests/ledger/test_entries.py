"""Entry text and the count replayed from entries."""

from datetime import UTC, datetime

from django.test import SimpleTestCase

from undersigned.ledger import entries

NOW = datetime(2026, 11, 29, 8, 30, 15, 123456, tzinfo=UTC)


def sign() -> bytes:
    return entries.sign_entry(
        version=1, commitment="ab" * 32, member="yes", branch="", display="", moment=NOW
    )


class EntryTextTests(SimpleTestCase):
    def test_a_text_entry_is_key_value_lines_under_the_header(self) -> None:
        entry = entries.text_entry(2, "Hello", NOW)
        self.assertEqual(
            entry,
            b"undersigned/v1\nkind text\nversion 2\n"
            b"sha256 185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969\n"
            b"time 2026-11-29T08:30:15Z\n",
        )

    def test_a_sign_entry_writes_dashes_for_no_branch_and_no_display(self) -> None:
        self.assertEqual(
            sign(),
            b"undersigned/v1\nkind sign\nversion 1\ncommit " + b"ab" * 32 + b"\n"
            b"member yes\nbranch -\ndisplay -\ntime 2026-11-29T08:30:15Z\n",
        )

    def test_a_remove_entry_carries_its_reason(self) -> None:
        self.assertEqual(
            entries.adjustment_entry("remove", 7, NOW, "spam"),
            b"undersigned/v1\nkind remove\nref 7\nreason spam\ntime 2026-11-29T08:30:15Z\n",
        )

    def test_malformed_entries_are_refused(self) -> None:
        for bad in [b"kind sign\n", b"undersigned/v1\nkind sign", b"undersigned/v1\nkind x\n",
                    b"undersigned/v1\nkind sign\nkind sign\n", b"\xff"]:  # fmt: skip
            with self.assertRaises(entries.EntryError):
                entries.parse(bad)


class ReplayTests(SimpleTestCase):
    def replay(self, *log: bytes) -> entries.Replay:
        replay = entries.Replay()
        for entry in log:
            replay.add(entry)
        return replay

    def test_the_count_is_the_signs_whose_latest_event_is_sign_or_restore(self) -> None:
        text = entries.text_entry(1, "Hello", NOW)
        replay = self.replay(
            text,
            sign(),
            sign(),
            sign(),
            entries.adjustment_entry("withdraw", 1, NOW),
            entries.adjustment_entry("remove", 2, NOW, "spam"),
            entries.adjustment_entry("restore", 2, NOW),
        )
        self.assertEqual(replay.count, 2)
        self.assertEqual(replay.counted, {1: False, 2: True, 3: True})

    def test_a_log_must_start_with_version_1_of_the_text(self) -> None:
        with self.assertRaises(entries.EntryError):
            self.replay(sign())
        with self.assertRaises(entries.EntryError):
            self.replay(entries.text_entry(2, "Hello", NOW))

    def test_a_ref_must_point_at_a_sign_entry(self) -> None:
        text = entries.text_entry(1, "Hello", NOW)
        for ref in (0, 5):
            with self.assertRaises(entries.EntryError):
                self.replay(text, sign(), entries.adjustment_entry("withdraw", ref, NOW))
