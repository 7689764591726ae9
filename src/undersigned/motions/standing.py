"""The standing verdict: does a recorded vote count under the organisation's rulebook?

``judge(rulebook, record)`` returns a ``Verdict``: a standing (valid, advisory, curable, void,
unverified), the outcome of the vote (carried, lost, unknown; None where the body may not vote
on it at all), one ``Check`` per rule with its evidence in plain words and its clause, and a
summary sentence. Plain functions over plain dataclasses (the types are in ``verdicts``, one
function per rule in ``checks``; both are re-exported here), so models, views, the API and the
tests all reach the same answer.

The rules this module applies, where rulebooks differ or the issue left a choice:

- **Competence.** A motion *reserved* to another body is void: the body had no power to decide
  it. An *advisory* motion can only stand as a request to the body named in the rulebook.
  A body kind the rulebook does not describe has no powers at all (void).
- **Notice of the meeting.** A meeting must be called at least the rulebook's days before it
  (full 24-hour days from the time the notice was sent). No notice recorded (``None``) or too
  late is void: a meeting not properly called cannot decide anything, and no later vote cures
  that. An emergency motion does not excuse the meeting's own notice.
- **Notice of the motion.** A motion must be received the rulebook's days before the meeting
  (``motions_deadline``). A late motion stands only if the meeting accepted it as an emergency
  and the rulebook lets that kind be taken as an emergency (``emergency = true``); otherwise void.
  For an accepted late motion, the stricter ``without_notice`` threshold applies when the
  rulebook gives one (the usual rule for rescinding: a majority on notice, two thirds without).
- **Rescinding.** The record must say which decision is rescinded (else unverified); a body can
  only rescind its own decisions, taken before this meeting (else void).
- **Quorum** is judged on the number present when the vote was taken: short of it, the decision
  is curable (a quorate meeting can ratify it); attendance not recorded is unverified.
- **Eligibility of named voters** (roll calls only). When any voter was not eligible, the
  decision is void if leaving their votes out would change the outcome, and curable (to be
  ratified) if it would not. A vote counted without names passes this check: there is no one
  to check, and the eligible count comes from the roster.
- **Arithmetic.** for + against + abstain must not exceed those present (or, with attendance
  unknown, the eligible); present must not exceed the eligible; a roll call's tally must match
  the recorded numbers. A record that does not add up is unverified, not void: the record, not
  the motion, is at fault, and correcting it recomputes the verdict.
- **Threshold.** Abstentions are not votes cast. A majority means more for than against (a tie
  fails); two thirds means for >= 2 x against with at least one vote for (so all-abstain fails);
  "of those present" and "of the whole membership" need more than half of present or eligible.
  A motion that misses its threshold is *lost*: that is an outcome, not a flaw, so a properly
  conducted vote that failed still has a valid standing.

The verdict is the gravest effect of any check: void, then unverified (what is unknown might be
void), then curable, then advisory, else valid.
"""

from datetime import timedelta

from django.utils.translation import gettext as _

from undersigned.motions import checks as rules
from undersigned.motions.rulebook import MotionKind, Rulebook
from undersigned.motions.verdicts import (
    CHECK_LABELS,
    GRAVITY,
    STANDING_LABELS,
    Check,
    Emergency,
    NamedVote,
    Outcome,
    Record,
    Rescinds,
    Standing,
    Status,
    Verdict,
    Vote,
    carried,
    outcome_of,
)

__all__ = [
    "CHECK_LABELS",
    "STANDING_LABELS",
    "Check",
    "Emergency",
    "NamedVote",
    "Outcome",
    "Record",
    "Rescinds",
    "Standing",
    "Status",
    "Verdict",
    "Vote",
    "carried",
    "judge",
]


def judge(rulebook: Rulebook, record: Record) -> Verdict:
    body = rulebook.body(record.body_kind)
    if body is None:
        reason = _("the rulebook gives no powers to a body of kind %(kind)s") % {
            "kind": record.body_kind
        }
        check = rules.make_check("competence", Status.FAILED, reason, None, Standing.VOID)
        summary = _summary(Standing.VOID, None, [check])
        return Verdict(Standing.VOID, None, (check,), summary, None, None)
    rule = body.motions[record.motion_kind]
    late = record.received_at > record.meeting_at - timedelta(days=body.motions_deadline.days)
    threshold = rule.threshold
    if late and record.emergency is Emergency.ACCEPTED and rule.without_notice is not None:
        threshold = rule.without_notice
    outcome = outcome_of(threshold, record)
    checks = [
        rules.competence_check(rulebook, body, rule),
        rules.meeting_notice_check(body, record),
        rules.motion_notice_check(body, rule, record, late, threshold),
    ]
    if record.motion_kind is MotionKind.RESCIND:
        checks.append(rules.rescind_check(record, rule))
    checks.append(rules.quorum_check(body, record))
    checks.append(rules.eligibility_check(body, record, threshold, outcome))
    checks.append(rules.arithmetic_check(record))
    if threshold is not None:
        checks.append(rules.threshold_check(threshold, rule.threshold_clause, record, outcome))
    standing = max((check.effect or Standing.VALID for check in checks), key=GRAVITY.index)
    threshold_clause = rule.threshold_clause if threshold is not None else None
    summary = _summary(standing, outcome, checks)
    return Verdict(standing, outcome, tuple(checks), summary, threshold, threshold_clause)


def _summary(standing: Standing, outcome: Outcome | None, checks: list[Check]) -> str:
    deciding = [check for check in checks if check.effect is standing]
    reason = deciding[0].reason if deciding else ""
    threshold = next((check for check in checks if check.name == "threshold"), None)
    if standing is Standing.VOID:
        return _("This motion has no formal standing: %(reason)s.") % {"reason": reason}
    if standing is Standing.UNVERIFIED:
        return _("This result cannot be verified: %(reason)s.") % {"reason": reason}
    if standing is Standing.CURABLE:
        return _("This result does not count until a quorate meeting ratifies it: %(reason)s.") % {
            "reason": reason
        }
    if standing is Standing.ADVISORY:
        if outcome is Outcome.CARRIED:
            return _("This motion was carried as a request only: %(reason)s.") % {"reason": reason}
        return _("This motion was lost; it could only have passed as a request: %(reason)s.") % {
            "reason": reason
        }
    values = {"reason": threshold.reason if threshold else ""}
    if outcome is Outcome.CARRIED:
        return _("This motion was carried and stands under the rules: %(reason)s.") % values
    return _("This motion was lost under the rules: %(reason)s.") % values
