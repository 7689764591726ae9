"""Building rulebook text and records for the motions tests."""

from datetime import UTC, datetime, timedelta
from typing import Any

from undersigned.motions.rulebook import MeetingKind, MotionKind, Rulebook, load, load_demo
from undersigned.motions.standing import NamedVote, Record, Vote

_VOTES = {"for": Vote.FOR, "against": Vote.AGAINST, "abstain": Vote.ABSTAIN}

MEETING = datetime(2026, 3, 10, 19, 0, tzinfo=UTC)


def demo() -> Rulebook:
    return load_demo()


def record(**changes: Any) -> Record:
    """A proper branch meeting: 8 days' notice, a resolution received 6 days before, quorate."""
    values: dict[str, Any] = {
        "body_kind": "branch",
        "meeting_kind": MeetingKind.ORDINARY,
        "meeting_at": MEETING,
        "notice_sent_at": MEETING - timedelta(days=8),
        "motion_kind": MotionKind.RESOLUTION,
        "received_at": MEETING - timedelta(days=6),
        "emergency": None,
        "eligible": 40,
        "present": 20,
        "votes_for": 12,
        "votes_against": 5,
        "abstain": 3,
        "named_votes": None,
        "rescinds": None,
    }
    values.update(changes)
    return Record(**values)


def roll_call(
    for_: int, against: int, abstain: int, ineligible: dict[str, int] | None = None
) -> tuple[NamedVote, ...]:
    """A roll call of eligible voters, plus ineligible ones: {"for": 1, ...}."""
    votes = []
    for kind, count in (("for", for_), ("against", against), ("abstain", abstain)):
        bad = (ineligible or {}).get(kind, 0)
        votes += [
            NamedVote(f"Member {kind[0].upper()}{n}", n >= bad, vote=_VOTES[kind])
            for n in range(count)
        ]
    return tuple(votes)


def motion_table(rule: dict[str, Any]) -> str:
    return "".join(f"{key} = {_value(value)}\n" for key, value in rule.items())


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def rulebook_text(
    *,
    notice: dict[str, int] | None = None,
    deadline: int = 5,
    quorum: dict[str, Any] | None = None,
    cutoff: int = 14,
    motions: dict[str, dict[str, Any]] | None = None,
) -> str:
    """One branch with the given rules, and a regional committee to refer motions to."""
    notice = notice or {"ordinary": 7, "special": 14, "agm": 21}
    quorum = quorum or {"members": 5}
    motions = motions or {}
    lines = ['[rulebook]\ntitle = "Test rules"\nversion = "1"\n']
    for kind in ("branch", "regional_committee"):
        lines.append(f"[bodies.{kind}]\n")
        lines.append(f'eligible = {{ cutoff_days = {cutoff}, clause = "3.2" }}\n')
        q = ", ".join(f"{key} = {_value(value)}" for key, value in quorum.items())
        lines.append(f'quorum = {{ {q}, clause = "4.5" }}\n')
        lines.append(f'[bodies.{kind}.notice]\nclause = "4.1"\nmotions_deadline = {deadline}\n')
        lines += [f"{meeting} = {days}\n" for meeting, days in notice.items()]
        for motion in MotionKind:
            default = {"power": "allowed", "clause": "5.1", "threshold": "majority_of_votes_cast"}
            rule = motions.get(motion.value, default) if kind == "branch" else default
            lines.append(f"[bodies.{kind}.motions.{motion.value}]\n{motion_table(rule)}")
    return "".join(lines)


def rulebook(**kwargs: Any) -> Rulebook:
    return load(rulebook_text(**kwargs))
