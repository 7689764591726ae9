"""The verdict engine against a small reference written separately, over random rulebooks and
records. The reference reads the random rule parameters directly (not the parsed rulebook), so
the TOML loader is under test too."""

from datetime import timedelta
from fractions import Fraction
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from undersigned.motions.rulebook import MeetingKind, MotionKind, load
from undersigned.motions.standing import (
    Emergency,
    NamedVote,
    Record,
    Rescinds,
    Vote,
    judge,
)

from .helpers import MEETING, rulebook_text

THRESHOLDS = [
    "majority_of_votes_cast",
    "two_thirds_of_votes_cast",
    "majority_of_present",
    "majority_of_membership",
]


@st.composite
def motion_rules(draw: st.DrawFn) -> dict[str, Any]:
    power = {5: "reserved", 6: "advisory"}.get(draw(st.integers(0, 9)), "allowed")
    rule: dict[str, Any] = {"power": power, "clause": "5.1"}
    if power == "reserved":
        rule["to"] = "regional_committee"
        return rule
    rule["threshold"] = draw(st.sampled_from(THRESHOLDS))
    rule["emergency"] = draw(st.booleans())
    if rule["emergency"] and draw(st.booleans()):
        rule["without_notice"] = draw(st.sampled_from(THRESHOLDS))
    return rule


@st.composite
def rule_params(draw: st.DrawFn) -> dict[str, Any]:
    quorum: dict[str, Any] = {}
    if draw(st.booleans()):
        quorum["members"] = draw(st.integers(1, 30))
    if not quorum or draw(st.booleans()):
        quorum["percent"] = draw(
            st.one_of(st.integers(1, 100), st.sampled_from([0.5, 12.5, 33.3, 66.7, 10.1]))
        )
    return {
        "notice": {kind.value: draw(st.integers(0, 21)) for kind in MeetingKind},
        "deadline": draw(st.integers(0, 10)),
        "quorum": quorum,
        "motions": {kind.value: draw(motion_rules()) for kind in MotionKind},
    }


@st.composite
def before(draw: st.DrawFn, days: int) -> timedelta:
    """A time before the meeting: mostly in time, often right at a boundary of whole days."""
    exact = timedelta(days=draw(st.integers(max(0, days - 1), days + 1)))
    match draw(st.integers(0, 19)):
        case 7:
            return exact
        case 8:
            return exact + timedelta(seconds=draw(st.sampled_from([-1, 1])))
        case 9:
            return timedelta(seconds=draw(st.integers(-3600, 30 * 86400)))
        case _:
            return timedelta(seconds=draw(st.integers(days * 86400, 40 * 86400)))


def rarely(draw: st.DrawFn) -> bool:
    # Hypothesis favours the ends of a range, so the rare case is one from the middle.
    return draw(st.integers(0, 9)) == 5


@st.composite
def records(draw: st.DrawFn, params: dict[str, Any]) -> Record:
    """Mostly proper meetings, so that one flaw at a time is not hidden behind another."""
    meeting_kind = draw(st.sampled_from(list(MeetingKind)))
    motion_kind = draw(st.sampled_from(list(MotionKind)))
    eligible = draw(st.integers(0, 60))
    quorum = params["quorum"]
    by_share = -(-Fraction(str(quorum.get("percent", 0))) * eligible // 100)
    edges = [int(q) + d for q in (quorum.get("members", 0), by_share) for d in (-1, 0, 1)]
    present = None
    if not rarely(draw):
        present = draw(
            st.one_of(
                st.integers(0, eligible + 3),
                st.sampled_from([edge for edge in edges if edge >= 0]),
            )
        )
    room = eligible if present is None else present
    against, abstain = draw(st.integers(0, room // 3)), draw(st.integers(0, room // 4))
    # Often right at a threshold: two thirds, a tie, half of those present or eligible.
    halves = [(present or 0) // 2, eligible // 2]
    edges = [2 * against + d for d in (-1, 0, 1)] + [against, against + 1]
    edges += [half + d for half in halves for d in (0, 1)]
    votes_for = draw(st.one_of(st.integers(0, room), st.sampled_from([e for e in edges if e >= 0])))
    if not rarely(draw):  # a record that adds up, mostly
        assume(votes_for + against + abstain <= room)
    named = None
    if draw(st.booleans()):
        kinds = [Vote.FOR] * votes_for + [Vote.AGAINST] * against + [Vote.ABSTAIN] * abstain
        named = tuple(NamedVote(f"M{n}", True, kind) for n, kind in enumerate(kinds))
        if named and rarely(draw):  # one or more voters not eligible
            bad = draw(st.sets(st.integers(0, len(named) - 1), min_size=1, max_size=3))
            named = tuple(NamedVote(v.name, n not in bad, v.vote) for n, v in enumerate(named))
        if rarely(draw):  # a roll call that disagrees with the count
            named = named[1:]
    notice = None if rarely(draw) else draw(before(params["notice"][meeting_kind.value]))
    rescinds = None
    if not rarely(draw):
        rescinds = Rescinds(
            MEETING
            + timedelta(
                seconds=draw(st.one_of(st.integers(-90 * 86400, 0), st.sampled_from([-1, 0, 1])))
            ),
            not rarely(draw),
        )
    return Record(
        body_kind="district" if rarely(draw) else "branch",
        meeting_kind=meeting_kind,
        meeting_at=MEETING,
        notice_sent_at=None if notice is None else MEETING - notice,
        motion_kind=motion_kind,
        received_at=MEETING - draw(before(params["deadline"])),
        emergency=draw(st.sampled_from([None, Emergency.ACCEPTED, Emergency.REFUSED])),
        eligible=eligible,
        present=present,
        votes_for=votes_for,
        votes_against=against,
        abstain=abstain,
        named_votes=named,
        rescinds=rescinds,
    )


def passes(threshold: str, yes: int, no: int, present: int | None, eligible: int) -> bool | None:
    cast = yes + no
    if threshold == "majority_of_votes_cast":
        return cast > 0 and Fraction(yes, cast) > Fraction(1, 2)
    if threshold == "two_thirds_of_votes_cast":
        return cast > 0 and Fraction(yes, cast) >= Fraction(2, 3)
    if threshold == "majority_of_present":
        return None if present is None else yes > Fraction(present, 2)
    return yes > Fraction(eligible, 2)


def reference(params: dict[str, Any], r: Record) -> tuple[str, str | None]:
    """(standing, outcome), from the rules as the issue states them."""
    if r.body_kind != "branch":
        return "void", None
    rule = params["motions"][r.motion_kind.value]
    found: list[str] = []
    # competence
    if rule["power"] == "reserved":
        found.append("void")
    if rule["power"] == "advisory":
        found.append("advisory")
    # notice of the meeting
    needed = timedelta(days=params["notice"][r.meeting_kind.value])
    if r.notice_sent_at is None or r.meeting_at - r.notice_sent_at < needed:
        found.append("void")
    # notice of the motion
    in_time = r.meeting_at - r.received_at >= timedelta(days=params["deadline"])
    emergency = r.emergency == "accepted" and rule.get("emergency", False)
    if not in_time and not emergency:
        found.append("void")
    threshold = rule.get("threshold")
    if not in_time and emergency and "without_notice" in rule:
        threshold = rule["without_notice"]
    # rescinding
    if r.motion_kind == "rescind":
        if r.rescinds is None:
            found.append("unverified")
        elif not r.rescinds.same_body or r.rescinds.decided_at >= r.meeting_at:
            found.append("void")
    # quorum
    if r.present is None:
        found.append("unverified")
    else:
        q = params["quorum"]
        needed_present = 0
        while not (
            needed_present >= q.get("members", 0)
            and 100 * needed_present >= Fraction(str(q.get("percent", 0))) * r.eligible
        ):
            needed_present += 1
        if r.present < needed_present:
            found.append("curable")
    # the result
    outcome = None
    if threshold is not None:
        result = passes(threshold, r.votes_for, r.votes_against, r.present, r.eligible)
        outcome = "unknown" if result is None else "carried" if result else "lost"
        if result is None:
            found.append("unverified")
    # named voters
    if r.named_votes is not None:
        bad = [v for v in r.named_votes if not v.eligible]
        if bad:
            if threshold is None:
                found.append("void")
            else:
                yes = r.votes_for - len([v for v in bad if v.vote == "for"])
                no = r.votes_against - len([v for v in bad if v.vote == "against"])
                without = passes(threshold, yes, no, r.present, r.eligible)
                if without is None or outcome == "unknown":
                    found.append("unverified")
                elif without != (outcome == "carried"):
                    found.append("void")
                else:
                    found.append("curable")
    # arithmetic
    total = r.votes_for + r.votes_against + r.abstain
    limit = r.eligible if r.present is None else r.present
    adds_up = total <= limit and (r.present is None or r.present <= r.eligible)
    if r.named_votes is not None:
        named = [
            len([v for v in r.named_votes if v.vote == k]) for k in ("for", "against", "abstain")
        ]
        adds_up = adds_up and named == [r.votes_for, r.votes_against, r.abstain]
    if not adds_up:
        found.append("unverified")
    for standing in ("void", "unverified", "curable", "advisory"):
        if standing in found:
            return standing, outcome
    return "valid", outcome


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_the_engine_agrees_with_the_reference(data: st.DataObject) -> None:
    params = data.draw(rule_params())
    rules = load(rulebook_text(**params))
    record = data.draw(records(params))
    verdict = judge(rules, record)
    assert (verdict.standing.value, verdict.outcome) == reference(params, record)
    assert verdict.summary
    for check in verdict.checks:
        assert check.evidence.endswith(".")
        assert (check.status == "passed") == (check.effect in (None, "advisory")) or (
            check.name == "threshold" and check.status == "failed" and check.effect is None
        )
