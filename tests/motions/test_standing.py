"""Worked cases for the standing verdict, mostly under the demo organisation's rulebook."""

from datetime import timedelta

from undersigned.motions.rulebook import MeetingKind, MotionKind
from undersigned.motions.standing import (
    Emergency,
    Outcome,
    Rescinds,
    Standing,
    Status,
    Verdict,
    judge,
)

from .helpers import MEETING, demo, record, roll_call, rulebook

LATE = MEETING - timedelta(minutes=5)  # moved at the meeting itself


def check(verdict: Verdict, name: str) -> tuple[Status, str]:
    found = {check.name: check for check in verdict.checks}[name]
    return found.status, found.evidence


def test_a_proper_resolution_carried_is_valid() -> None:
    verdict = judge(demo(), record())
    assert (verdict.standing, verdict.outcome) == (Standing.VALID, Outcome.CARRIED)
    assert [(c.name, c.status) for c in verdict.checks] == [
        ("competence", Status.PASSED),
        ("meeting_notice", Status.PASSED),
        ("motion_notice", Status.PASSED),
        ("quorum", Status.PASSED),
        ("eligibility", Status.PASSED),
        ("arithmetic", Status.PASSED),
        ("threshold", Status.PASSED),
    ]
    assert [c.clause for c in verdict.checks] == ["5.1", "4.1", "4.4", "4.5", "3.2", None, "4.6"]
    assert verdict.summary == (
        "This motion was carried and stands under the rules: under clause 4.6 it needed a "
        "majority of the votes cast: 12 for, 5 against, 3 abstaining."
    )


def test_the_wearside_expulsion_is_void_twice_over() -> None:
    verdict = judge(
        demo(), record(motion_kind=MotionKind.DISCIPLINE, received_at=LATE, emergency=None)
    )
    assert verdict.standing is Standing.VOID
    assert verdict.outcome is None  # the branch could not vote on it at all
    assert verdict.summary == (
        "This motion has no formal standing: under clause 6.1 only the regional committee can "
        "discipline or expel a member."
    )
    assert check(verdict, "competence") == (
        Status.FAILED,
        "Under clause 6.1 only the regional committee can discipline or expel a member.",
    )
    assert check(verdict, "motion_notice") == (
        Status.FAILED,
        "The motion was moved without notice: under clause 4.4 motions are due 5 days before "
        "the meeting, and it was not accepted as an emergency.",
    )
    assert "threshold" not in [c.name for c in verdict.checks]


def test_quorum_exactly_met_is_valid() -> None:
    # Demo branch quorum: 5 members or 10% of the eligible, the larger: 8 of 80.
    verdict = judge(demo(), record(eligible=80, present=8, votes_for=5, votes_against=2, abstain=1))
    assert verdict.standing is Standing.VALID
    assert check(verdict, "quorum") == (
        Status.PASSED,
        "8 present of 80 eligible; the quorum is 8 (clause 4.5).",
    )


def test_one_short_of_quorum_is_curable() -> None:
    verdict = judge(demo(), record(eligible=80, present=7, votes_for=5, votes_against=2, abstain=0))
    assert (verdict.standing, verdict.outcome) == (Standing.CURABLE, Outcome.CARRIED)
    assert verdict.summary == (
        "This result does not count until a quorate meeting ratifies it: the meeting was "
        "inquorate: 7 present where clause 4.5 needs 8, so a quorate meeting must ratify the "
        "decision."
    )


def test_the_quorum_number_applies_when_larger_than_the_share() -> None:
    verdict = judge(demo(), record(eligible=20, present=4, votes_for=3, votes_against=1, abstain=0))
    assert verdict.standing is Standing.CURABLE  # 10% of 20 is 2, but at least 5


def test_a_share_quorum_is_exact_for_decimal_percentages() -> None:
    rules = rulebook(quorum={"percent": 10.1})
    # 10.1% of 1000 is exactly 101: a float would round 101.00000000000001 up to 102.
    verdict = judge(rules, record(eligible=1000, present=101, votes_for=60, votes_against=40))
    assert check(verdict, "quorum")[0] is Status.PASSED


def test_two_thirds_at_its_boundaries() -> None:
    # The regional committee decides no confidence by two thirds of the votes cast.
    def outcome(for_: int, against: int, abstain: int) -> Outcome | None:
        verdict = judge(
            demo(),
            record(
                body_kind="regional_committee",
                motion_kind=MotionKind.NO_CONFIDENCE,
                received_at=MEETING - timedelta(days=3),
                present=30,
                votes_for=for_,
                votes_against=against,
                abstain=abstain,
            ),
        )
        assert verdict.standing is Standing.VALID
        return verdict.outcome

    assert outcome(10, 5, 0) is Outcome.CARRIED  # exactly two thirds
    assert outcome(9, 5, 0) is Outcome.LOST  # one short
    assert outcome(10, 5, 15) is Outcome.CARRIED  # abstentions are not votes cast
    assert outcome(1, 0, 0) is Outcome.CARRIED
    assert outcome(0, 0, 12) is Outcome.LOST  # all abstain


def test_a_tie_fails() -> None:
    verdict = judge(demo(), record(votes_for=6, votes_against=6, abstain=4))
    assert (verdict.standing, verdict.outcome) == (Standing.VALID, Outcome.LOST)
    assert verdict.summary == (
        "This motion was lost under the rules: under clause 4.6 it needed a majority of the "
        "votes cast, and the vote was tied: 6 for, 6 against; a tie fails."
    )


def test_all_abstaining_fails_a_majority() -> None:
    verdict = judge(demo(), record(votes_for=0, votes_against=0, abstain=20))
    assert (verdict.standing, verdict.outcome) == (Standing.VALID, Outcome.LOST)


def test_a_majority_of_those_present_counts_abstentions_against() -> None:
    rules = rulebook(
        motions={
            "censure": {"power": "allowed", "clause": "5.3", "threshold": "majority_of_present"}
        }
    )
    censure = {"motion_kind": MotionKind.CENSURE, "present": 20}
    assert (
        judge(rules, record(**censure, votes_for=10, votes_against=2, abstain=8)).outcome
        is Outcome.LOST
    )
    assert (
        judge(rules, record(**censure, votes_for=11, votes_against=2, abstain=7)).outcome
        is Outcome.CARRIED
    )


def test_a_majority_of_the_whole_membership_counts_the_eligible() -> None:
    rules = rulebook(
        motions={
            "censure": {"power": "allowed", "clause": "5.3", "threshold": "majority_of_membership"}
        }
    )
    censure = {"motion_kind": MotionKind.CENSURE, "eligible": 40, "present": 30}
    assert (
        judge(rules, record(**censure, votes_for=20, votes_against=0, abstain=0)).outcome
        is Outcome.LOST
    )
    assert (
        judge(rules, record(**censure, votes_for=21, votes_against=0, abstain=0)).outcome
        is Outcome.CARRIED
    )


def test_an_accepted_emergency_motion_stands() -> None:
    verdict = judge(demo(), record(received_at=LATE, emergency=Emergency.ACCEPTED))
    assert verdict.standing is Standing.VALID
    assert check(verdict, "motion_notice") == (
        Status.PASSED,
        "The motion came after the deadline (clause 4.4) and the meeting accepted it as an "
        "emergency.",
    )


def test_a_refused_emergency_motion_voted_on_anyway_is_void() -> None:
    verdict = judge(demo(), record(received_at=LATE, emergency=Emergency.REFUSED))
    assert verdict.standing is Standing.VOID
    assert verdict.summary == (
        "This motion has no formal standing: the motion was moved without notice: under "
        "clause 4.4 motions are due 5 days before the meeting, and the meeting refused to take "
        "it as an emergency."
    )


def test_a_late_motion_never_put_as_an_emergency_is_void() -> None:
    assert judge(demo(), record(received_at=LATE)).standing is Standing.VOID


def test_a_motion_received_exactly_at_the_deadline_is_in_time() -> None:
    assert judge(demo(), record(received_at=MEETING - timedelta(days=5))).standing is Standing.VALID
    late = MEETING - timedelta(days=5) + timedelta(seconds=1)
    assert judge(demo(), record(received_at=late)).standing is Standing.VOID


def test_a_kind_that_needs_notice_cannot_be_an_emergency() -> None:
    verdict = judge(
        demo(),
        record(motion_kind=MotionKind.RULE_CHANGE, received_at=LATE, emergency=Emergency.ACCEPTED),
    )
    assert verdict.standing is Standing.VOID
    assert check(verdict, "motion_notice")[1] == (
        "Under clause 9.2 this kind of motion needs notice and cannot be taken as an emergency, "
        "and it was received after the deadline of 5 days before the meeting."
    )


def test_an_advisory_motion_carried_is_a_request_only() -> None:
    verdict = judge(demo(), record(motion_kind=MotionKind.NO_CONFIDENCE, present=20, votes_for=11))
    assert (verdict.standing, verdict.outcome) == (Standing.ADVISORY, Outcome.CARRIED)
    assert verdict.summary == (
        "This motion was carried as a request only: under clause 5.4 the branch can only ask "
        "the regional committee to pass a motion of no confidence."
    )


def test_an_advisory_motion_lost_says_so() -> None:
    verdict = judge(demo(), record(motion_kind=MotionKind.NO_CONFIDENCE, present=20, votes_for=10))
    assert (verdict.standing, verdict.outcome) == (Standing.ADVISORY, Outcome.LOST)
    assert verdict.summary.startswith(
        "This motion was lost; it could only have passed as a request"
    )


def test_rescinding_on_notice_needs_a_majority() -> None:
    earlier = Rescinds(decided_at=MEETING - timedelta(days=60), same_body=True)
    verdict = judge(
        demo(),
        record(motion_kind=MotionKind.RESCIND, rescinds=earlier, votes_for=6, votes_against=5),
    )
    assert (verdict.standing, verdict.outcome) == (Standing.VALID, Outcome.CARRIED)
    assert verdict.threshold == "majority_of_votes_cast"
    assert check(verdict, "rescind")[0] is Status.PASSED


def test_rescinding_without_notice_needs_two_thirds() -> None:
    earlier = Rescinds(decided_at=MEETING - timedelta(days=60), same_body=True)
    late = {
        "motion_kind": MotionKind.RESCIND,
        "rescinds": earlier,
        "received_at": LATE,
        "emergency": Emergency.ACCEPTED,
        "abstain": 0,
    }
    lost = judge(demo(), record(**late, votes_for=6, votes_against=5))
    assert (lost.standing, lost.outcome) == (Standing.VALID, Outcome.LOST)
    assert lost.threshold == "two_thirds_of_votes_cast"
    assert check(lost, "motion_notice")[1] == (
        "The motion came after the deadline (clause 4.4) and the meeting accepted it as an "
        "emergency, so it needed two thirds of the votes cast."
    )
    carried = judge(demo(), record(**late, votes_for=10, votes_against=5))
    assert (carried.standing, carried.outcome) == (Standing.VALID, Outcome.CARRIED)


def test_rescinding_without_notice_or_emergency_is_void() -> None:
    earlier = Rescinds(decided_at=MEETING - timedelta(days=60), same_body=True)
    verdict = judge(
        demo(), record(motion_kind=MotionKind.RESCIND, rescinds=earlier, received_at=LATE)
    )
    assert verdict.standing is Standing.VOID


def test_rescinding_another_bodys_decision_is_void() -> None:
    other = Rescinds(decided_at=MEETING - timedelta(days=60), same_body=False)
    verdict = judge(demo(), record(motion_kind=MotionKind.RESCIND, rescinds=other))
    assert verdict.standing is Standing.VOID
    assert check(verdict, "rescind")[1] == (
        "A body can only rescind its own decisions, and this one was taken by another body."
    )


def test_rescinding_an_unnamed_decision_is_unverified() -> None:
    verdict = judge(demo(), record(motion_kind=MotionKind.RESCIND, rescinds=None))
    assert verdict.standing is Standing.UNVERIFIED


def test_missing_attendance_is_unverified() -> None:
    verdict = judge(demo(), record(present=None))
    assert (verdict.standing, verdict.outcome) == (Standing.UNVERIFIED, Outcome.CARRIED)
    assert verdict.summary == (
        "This result cannot be verified: attendance was not recorded, so the quorum of 5 "
        "(clause 4.5) cannot be checked."
    )


def test_missing_attendance_leaves_a_majority_of_present_unknown() -> None:
    verdict = judge(demo(), record(motion_kind=MotionKind.NO_CONFIDENCE, present=None))
    assert (verdict.standing, verdict.outcome) == (Standing.UNVERIFIED, Outcome.UNKNOWN)
    assert check(verdict, "threshold")[0] is Status.UNKNOWN


def test_a_meeting_without_notice_is_void_even_for_an_emergency() -> None:
    verdict = judge(
        demo(), record(notice_sent_at=None, received_at=LATE, emergency=Emergency.ACCEPTED)
    )
    assert verdict.standing is Standing.VOID
    assert check(verdict, "meeting_notice")[1] == (
        "Under clause 4.1 this ordinary meeting needed 7 days of notice, and no notice was sent."
    )


def test_seven_days_notice_means_seven_full_days() -> None:
    on_time = record(notice_sent_at=MEETING - timedelta(days=7))
    assert judge(demo(), on_time).standing is Standing.VALID
    short = record(notice_sent_at=MEETING - timedelta(days=7) + timedelta(minutes=1))
    verdict = judge(demo(), short)
    assert verdict.standing is Standing.VOID
    assert check(verdict, "meeting_notice")[1] == (
        "Under clause 4.1 this ordinary meeting needed 7 days of notice, and notice was sent "
        "only 6 days before."
    )


def test_a_special_meeting_needs_its_own_notice() -> None:
    special = record(meeting_kind=MeetingKind.SPECIAL, notice_sent_at=MEETING - timedelta(days=8))
    assert judge(demo(), special).standing is Standing.VOID  # 14 days under clause 4.2


def test_an_ineligible_voter_who_decided_the_result_voids_it() -> None:
    votes = roll_call(6, 5, 1, ineligible={"for": 1})
    verdict = judge(
        demo(), record(named_votes=votes, votes_for=6, votes_against=5, abstain=1, present=12)
    )
    assert (verdict.standing, verdict.outcome) == (Standing.VOID, Outcome.CARRIED)
    assert check(verdict, "eligibility") == (
        Status.FAILED,
        "Member F0 voted but was not eligible under clause 3.2, and that vote decided the result.",
    )


def test_an_ineligible_voter_who_did_not_decide_it_can_be_ratified() -> None:
    votes = roll_call(9, 2, 1, ineligible={"for": 1, "against": 1})
    verdict = judge(
        demo(), record(named_votes=votes, votes_for=9, votes_against=2, abstain=1, present=12)
    )
    assert verdict.standing is Standing.CURABLE
    assert check(verdict, "eligibility")[1] == (
        "2 voters were not eligible under clause 3.2 (Member F0, Member A0); the result would be "
        "the same without their votes, so the meeting can ratify it."
    )


def test_a_roll_call_of_eligible_members_passes() -> None:
    votes = roll_call(9, 2, 1)
    verdict = judge(
        demo(), record(named_votes=votes, votes_for=9, votes_against=2, abstain=1, present=12)
    )
    assert verdict.standing is Standing.VALID


def test_more_votes_than_present_is_unverified() -> None:
    verdict = judge(demo(), record(present=10, votes_for=8, votes_against=3, abstain=0))
    assert verdict.standing is Standing.UNVERIFIED
    assert check(verdict, "arithmetic") == (
        Status.FAILED,
        "The record does not add up: 11 votes were recorded but only 10 were present.",
    )


def test_a_roll_call_that_disagrees_with_the_count_is_unverified() -> None:
    verdict = judge(demo(), record(named_votes=roll_call(9, 2, 1), votes_for=10))
    assert verdict.standing is Standing.UNVERIFIED


def test_a_body_the_rulebook_does_not_describe_has_no_powers() -> None:
    verdict = judge(demo(), record(body_kind="district"))
    assert (verdict.standing, verdict.outcome) == (Standing.VOID, None)
    assert verdict.summary == (
        "This motion has no formal standing: the rulebook gives no powers to a body of kind "
        "district."
    )


def test_rescinding_a_decision_not_taken_before_the_meeting_is_void() -> None:
    same_time = Rescinds(decided_at=MEETING, same_body=True)
    verdict = judge(demo(), record(motion_kind=MotionKind.RESCIND, rescinds=same_time))
    assert verdict.standing is Standing.VOID
    assert check(verdict, "rescind")[1] == (
        "The decision to be rescinded was not taken before this meeting."
    )
