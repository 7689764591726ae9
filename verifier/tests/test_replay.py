"""The count replayed from entries: only a moderator's removal can be restored (issue 13,
audit finding 6), so a log that counts a signer's own withdrawal again is refused."""

import pytest

from undersigned_verify import entries

TEXT = (
    b"undersigned/v1\nkind text\nversion 1\nsha256 " + b"0" * 64 + b"\ntime 2026-11-29T08:30:15Z\n"
)
SIGN = (
    b"undersigned/v1\nkind sign\nversion 1\ncommit " + b"ab" * 32 + b"\ntime 2026-11-29T00:00:00Z\n"
)


def adjustment(kind: str, ref: int) -> bytes:
    reason = "reason spam\n" if kind == "remove" else ""
    return f"undersigned/v1\nkind {kind}\nref {ref}\n{reason}time 2026-11-29T08:31:00Z\n".encode()


def replay(*log: bytes) -> entries.Replay:
    replayed = entries.Replay()
    for entry in log:
        replayed.add(entry)
    return replayed


def test_a_removal_can_be_restored() -> None:
    assert replay(TEXT, SIGN, adjustment("remove", 1), adjustment("restore", 1)).count == 1


def test_a_withdrawal_cannot_be_restored() -> None:
    with pytest.raises(entries.EntryError, match="only a moderator's removal"):
        replay(TEXT, SIGN, adjustment("withdraw", 1), adjustment("restore", 1))


def test_a_withdrawal_cannot_be_laundered_through_a_removal() -> None:
    with pytest.raises(entries.EntryError, match="only a moderator's removal"):
        replay(
            TEXT, SIGN, adjustment("withdraw", 1), adjustment("remove", 1), adjustment("restore", 1)
        )


def test_a_hidden_signers_short_entry_counts() -> None:
    assert replay(TEXT, SIGN).count == 1
