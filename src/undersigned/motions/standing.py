"""The standing verdict: does a recorded vote count under the organisation's rulebook?

``judge(rulebook, record)`` returns a ``Verdict``: a standing (valid, advisory, curable, void,
unverified), the outcome of the vote (carried, lost, unknown; None where the body may not vote
on it at all), one ``Check`` per rule with its evidence in plain words and its clause, and a
summary sentence. Plain functions over plain dataclasses, so models, views, the API and the tests
all reach the same answer.

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

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from undersigned.motions.rulebook import (
    MEETING_LABELS,
    BodyRules,
    MeetingKind,
    MotionKind,
    MotionRule,
    Power,
    Rulebook,
    Threshold,
)


class Standing(StrEnum):
    VALID = "valid"
    ADVISORY = "advisory"
    CURABLE = "curable"
    UNVERIFIED = "unverified"
    VOID = "void"


# Gravest last: the verdict is the gravest effect among the checks.
GRAVITY = [Standing.VALID, Standing.ADVISORY, Standing.CURABLE, Standing.UNVERIFIED, Standing.VOID]

STANDING_LABELS = {
    Standing.VALID: gettext_lazy("valid"),
    Standing.ADVISORY: gettext_lazy("advisory only"),
    Standing.CURABLE: gettext_lazy("curable"),
    Standing.UNVERIFIED: gettext_lazy("unverified"),
    Standing.VOID: gettext_lazy("void"),
}


class Outcome(StrEnum):
    CARRIED = "carried"
    LOST = "lost"
    UNKNOWN = "unknown"


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"


class Emergency(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


class Vote(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


CHECK_LABELS = {
    "competence": gettext_lazy("Competence of the body"),
    "meeting_notice": gettext_lazy("Notice of the meeting"),
    "motion_notice": gettext_lazy("Notice of the motion"),
    "rescind": gettext_lazy("Decision rescinded"),
    "quorum": gettext_lazy("Quorum"),
    "eligibility": gettext_lazy("Eligible voters"),
    "arithmetic": gettext_lazy("Arithmetic"),
    "threshold": gettext_lazy("Threshold"),
}

# "only the regional committee can ..."
_ACTIONS = {
    MotionKind.RESOLUTION: gettext_lazy("pass this resolution"),
    MotionKind.CALL_ON_BODY: gettext_lazy("call on another body"),
    MotionKind.CENSURE: gettext_lazy("pass a motion of censure"),
    MotionKind.NO_CONFIDENCE: gettext_lazy("pass a motion of no confidence"),
    MotionKind.DISCIPLINE: gettext_lazy("discipline or expel a member"),
    MotionKind.RESCIND: gettext_lazy("rescind this decision"),
    MotionKind.RULE_CHANGE: gettext_lazy("change the rules"),
}

_THRESHOLDS = {
    Threshold.MAJORITY_OF_VOTES_CAST: gettext_lazy("a majority of the votes cast"),
    Threshold.TWO_THIRDS_OF_VOTES_CAST: gettext_lazy("two thirds of the votes cast"),
    Threshold.MAJORITY_OF_PRESENT: gettext_lazy("a majority of those present"),
    Threshold.MAJORITY_OF_MEMBERSHIP: gettext_lazy("a majority of the whole membership"),
}


@dataclass(frozen=True)
class NamedVote:
    name: str
    eligible: bool
    vote: Vote


@dataclass(frozen=True)
class Rescinds:
    """The earlier decision a rescinding motion would undo."""

    decided_at: datetime
    same_body: bool  # taken by the same body (instance, not just kind) as this meeting


@dataclass(frozen=True)
class Record:
    body_kind: str
    meeting_kind: MeetingKind
    meeting_at: datetime  # when the meeting began (aware datetimes throughout)
    notice_sent_at: datetime | None  # None: no notice of the meeting was sent
    motion_kind: MotionKind
    received_at: datetime
    emergency: Emergency | None  # None: never put to the meeting as an emergency
    eligible: int
    present: int | None  # None: attendance not taken
    votes_for: int
    votes_against: int
    abstain: int
    named_votes: tuple[NamedVote, ...] | None = None  # a roll call, or None for a count
    rescinds: Rescinds | None = None  # for rescinding motions

    def __post_init__(self) -> None:
        numbers = [self.eligible, self.votes_for, self.votes_against, self.abstain]
        if self.present is not None:
            numbers.append(self.present)
        if any(number < 0 for number in numbers):
            raise ValueError("Counts cannot be negative.")


@dataclass(frozen=True)
class Check:
    name: str  # competence, meeting_notice, motion_notice, rescind, quorum, ...
    status: Status
    evidence: str  # a sentence in plain words
    clause: str | None
    effect: Standing | None = None  # the verdict this check imposes, if any
    reason: str = ""  # the evidence as a clause, for the summary ("under clause 6.1 only ...")

    @property
    def label(self) -> str:
        return str(CHECK_LABELS.get(self.name, self.name))


@dataclass(frozen=True)
class Verdict:
    standing: Standing
    outcome: Outcome | None  # None: the body could not vote on it
    checks: tuple[Check, ...]
    summary: str
    threshold: Threshold | None  # the threshold applied, with its clause
    threshold_clause: str | None

    @property
    def standing_label(self) -> str:
        return str(STANDING_LABELS[self.standing])


def carried(
    threshold: Threshold, votes_for: int, against: int, present: int | None, eligible: int
) -> bool | None:
    """Whether the votes meet the threshold; None when it needs an attendance not recorded."""
    match threshold:
        case Threshold.MAJORITY_OF_VOTES_CAST:
            return votes_for > against
        case Threshold.TWO_THIRDS_OF_VOTES_CAST:
            return votes_for > 0 and votes_for >= 2 * against
        case Threshold.MAJORITY_OF_PRESENT:
            return None if present is None else 2 * votes_for > present
        case Threshold.MAJORITY_OF_MEMBERSHIP:
            return 2 * votes_for > eligible


def judge(rulebook: Rulebook, record: Record) -> Verdict:
    body = rulebook.body(record.body_kind)
    if body is None:
        reason = _("the rulebook gives no powers to a body of kind %(kind)s") % {
            "kind": record.body_kind
        }
        check = _check("competence", Status.FAILED, reason, None, Standing.VOID)
        return Verdict(
            Standing.VOID, None, (check,), _summary(Standing.VOID, None, [check]), None, None
        )
    rule = body.motions[record.motion_kind]
    late = record.received_at > record.meeting_at - timedelta(days=body.motions_deadline.days)
    threshold = rule.threshold
    if late and record.emergency is Emergency.ACCEPTED and rule.without_notice is not None:
        threshold = rule.without_notice
    outcome = _outcome(threshold, record)
    checks = [
        _competence(rulebook, body, rule),
        _meeting_notice(body, record),
        _motion_notice(body, rule, record, late, threshold),
    ]
    if record.motion_kind is MotionKind.RESCIND:
        checks.append(_rescind(record, rule))
    checks += [_quorum(body, record), _eligibility(body, record, threshold, outcome)]
    checks.append(_arithmetic(record))
    if threshold is not None:
        checks.append(_threshold(threshold, rule.threshold_clause, record, outcome))
    standing = max((check.effect or Standing.VALID for check in checks), key=GRAVITY.index)
    threshold_clause = rule.threshold_clause if threshold is not None else None
    return Verdict(
        standing,
        outcome,
        tuple(checks),
        _summary(standing, outcome, checks),
        threshold,
        threshold_clause,
    )


def _outcome(threshold: Threshold | None, record: Record) -> Outcome | None:
    if threshold is None:
        return None
    result = carried(
        threshold, record.votes_for, record.votes_against, record.present, record.eligible
    )
    return Outcome.UNKNOWN if result is None else Outcome.CARRIED if result else Outcome.LOST


def _check(
    name: str, status: Status, reason: str, clause: str | None, effect: Standing | None = None
) -> Check:
    return Check(name, status, f"{capfirst(reason)}.", clause, effect, reason)


def _days(days: int) -> str:
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def _competence(rulebook: Rulebook, body: BodyRules, rule: MotionRule) -> Check:
    values = {
        "clause": rule.clause,
        "body": body.name,
        "other": rulebook.body_name(rule.to) if rule.to else "",
        "action": _ACTIONS[rule.kind],
    }
    if rule.power is Power.RESERVED:
        reason = _("under clause %(clause)s only the %(other)s can %(action)s") % values
        return _check("competence", Status.FAILED, reason, rule.clause, Standing.VOID)
    if rule.power is Power.ADVISORY:
        if rule.to:
            reason = (
                _("under clause %(clause)s the %(body)s can only ask the %(other)s to %(action)s")
                % values
            )
        else:
            reason = (
                _(
                    "under clause %(clause)s the %(body)s can only pass this as a "
                    "request to another body"
                )
                % values
            )
        return _check("competence", Status.PASSED, reason, rule.clause, Standing.ADVISORY)
    reason = _("under clause %(clause)s the %(body)s may %(action)s") % values
    return _check("competence", Status.PASSED, reason, rule.clause)


def _meeting_notice(body: BodyRules, record: Record) -> Check:
    notice = body.notice[record.meeting_kind]
    values = {
        "clause": notice.clause,
        "meeting": MEETING_LABELS[record.meeting_kind],
        "days": _days(notice.days),
    }
    if record.notice_sent_at is None:
        reason = (
            _(
                "under clause %(clause)s this %(meeting)s needed %(days)s of notice, and "
                "no notice was sent"
            )
            % values
        )
        return _check("meeting_notice", Status.FAILED, reason, notice.clause, Standing.VOID)
    given = record.meeting_at - record.notice_sent_at
    values["given"] = _days(max(0, given.days))
    if given >= timedelta(days=notice.days):
        reason = (
            _("notice was sent %(given)s before the meeting; clause %(clause)s asks for %(days)s")
            % values
        )
        return _check("meeting_notice", Status.PASSED, reason, notice.clause)
    reason = (
        _(
            "under clause %(clause)s this %(meeting)s needed %(days)s of notice, and "
            "notice was sent only %(given)s before"
        )
        % values
    )
    return _check("meeting_notice", Status.FAILED, reason, notice.clause, Standing.VOID)


def _motion_notice(
    body: BodyRules, rule: MotionRule, record: Record, late: bool, threshold: Threshold | None
) -> Check:
    deadline = body.motions_deadline
    values = {"clause": deadline.clause, "days": _days(deadline.days)}
    if not late:
        reason = (
            _(
                "the motion was received by the deadline, %(days)s before the meeting "
                "(clause %(clause)s)"
            )
            % values
        )
        return _check("motion_notice", Status.PASSED, reason, deadline.clause)
    if record.emergency is Emergency.ACCEPTED and rule.emergency:
        if threshold is not None and threshold != rule.threshold:
            values["threshold"] = str(_THRESHOLDS[threshold])
            reason = (
                _(
                    "the motion came after the deadline (clause %(clause)s) and the meeting "
                    "accepted it as an emergency, so it needed %(threshold)s"
                )
                % values
            )
        else:
            reason = (
                _(
                    "the motion came after the deadline (clause %(clause)s) and the meeting "
                    "accepted it as an emergency"
                )
                % values
            )
        return _check("motion_notice", Status.PASSED, reason, deadline.clause)
    if record.emergency is Emergency.ACCEPTED:
        values["rule_clause"] = rule.clause
        reason = (
            _(
                "under clause %(rule_clause)s this kind of motion needs notice and cannot "
                "be taken as an emergency, and it was received after the deadline of "
                "%(days)s before the meeting"
            )
            % values
        )
    elif record.emergency is Emergency.REFUSED:
        reason = (
            _(
                "the motion was moved without notice: under clause %(clause)s motions are "
                "due %(days)s before the meeting, and the meeting refused to take it as an "
                "emergency"
            )
            % values
        )
    else:
        reason = (
            _(
                "the motion was moved without notice: under clause %(clause)s motions are "
                "due %(days)s before the meeting, and it was not accepted as an "
                "emergency"
            )
            % values
        )
    return _check("motion_notice", Status.FAILED, reason, deadline.clause, Standing.VOID)


def _rescind(record: Record, rule: MotionRule) -> Check:
    target = record.rescinds
    if target is None:
        reason = _("the record does not say which decision this motion rescinds")
        return _check("rescind", Status.UNKNOWN, reason, rule.clause, Standing.UNVERIFIED)
    if not target.same_body:
        reason = _(
            "a body can only rescind its own decisions, and this one was taken by another body"
        )
        return _check("rescind", Status.FAILED, reason, rule.clause, Standing.VOID)
    if target.decided_at >= record.meeting_at:
        reason = _("the decision to be rescinded was not taken before this meeting")
        return _check("rescind", Status.FAILED, reason, rule.clause, Standing.VOID)
    reason = _("the decision rescinded is an earlier decision of the same body")
    return _check("rescind", Status.PASSED, reason, rule.clause)


def _quorum(body: BodyRules, record: Record) -> Check:
    quorum = body.quorum
    values = {
        "clause": quorum.clause,
        "required": quorum.required(record.eligible),
        "eligible": record.eligible,
        "present": record.present,
    }
    if record.present is None:
        reason = (
            _(
                "attendance was not recorded, so the quorum of %(required)d (clause "
                "%(clause)s) cannot be checked"
            )
            % values
        )
        return _check("quorum", Status.UNKNOWN, reason, quorum.clause, Standing.UNVERIFIED)
    if record.present >= quorum.required(record.eligible):
        reason = (
            _(
                "%(present)d present of %(eligible)d eligible; the quorum is %(required)d "
                "(clause %(clause)s)"
            )
            % values
        )
        return _check("quorum", Status.PASSED, reason, quorum.clause)
    reason = (
        _(
            "the meeting was inquorate: %(present)d present where clause %(clause)s needs "
            "%(required)d, so a quorate meeting must ratify the decision"
        )
        % values
    )
    return _check("quorum", Status.FAILED, reason, quorum.clause, Standing.CURABLE)


def _eligibility(
    body: BodyRules, record: Record, threshold: Threshold | None, outcome: Outcome | None
) -> Check:
    rule = body.eligible
    values = {
        "clause": rule.clause,
        "body": body.name,
        "days": _days(rule.cutoff_days),
        "eligible": record.eligible,
    }
    if record.named_votes is None:
        reason = (
            _(
                "the vote was counted, not taken by name; the %(eligible)d eligible are the "
                "active members of the %(body)s %(days)s before the meeting (clause "
                "%(clause)s)"
            )
            % values
        )
        return _check("eligibility", Status.PASSED, reason, rule.clause)
    ineligible = [vote for vote in record.named_votes if not vote.eligible]
    if not ineligible:
        reason = (
            _(
                "every named voter was an active member of the %(body)s %(days)s before "
                "the meeting (clause %(clause)s)"
            )
            % values
        )
        return _check("eligibility", Status.PASSED, reason, rule.clause)
    values["names"] = ", ".join(vote.name for vote in ineligible)
    values["count"] = len(ineligible)
    without = _outcome_without(threshold, record, ineligible)
    if without is None or outcome is None or Outcome.UNKNOWN in (without, outcome):
        effect = Standing.UNVERIFIED if threshold is not None else Standing.VOID
        reason = (
            ngettext(
                "%(names)s voted but was not eligible under clause %(clause)s",
                "%(count)d voters were not eligible under clause %(clause)s: %(names)s",
                len(ineligible),
            )
            % values
        )
    elif without != outcome:
        effect = Standing.VOID
        reason = (
            ngettext(
                "%(names)s voted but was not eligible under clause %(clause)s, and that vote "
                "decided the result",
                "%(count)d voters were not eligible under clause %(clause)s (%(names)s), and "
                "their votes decided the result",
                len(ineligible),
            )
            % values
        )
    else:
        effect = Standing.CURABLE
        reason = (
            ngettext(
                "%(names)s voted but was not eligible under clause %(clause)s; the result would "
                "be the same without that vote, so the meeting can ratify it",
                "%(count)d voters were not eligible under clause %(clause)s (%(names)s); the "
                "result would be the same without their votes, so the meeting can ratify it",
                len(ineligible),
            )
            % values
        )
    return _check("eligibility", Status.FAILED, reason, rule.clause, effect)


def _outcome_without(
    threshold: Threshold | None, record: Record, ineligible: list[NamedVote]
) -> Outcome | None:
    if threshold is None:
        return None

    def count(kind: Vote) -> int:
        return sum(vote.vote is kind for vote in ineligible)

    result = carried(
        threshold,
        record.votes_for - count(Vote.FOR),
        record.votes_against - count(Vote.AGAINST),
        record.present,
        record.eligible,
    )
    return Outcome.UNKNOWN if result is None else Outcome.CARRIED if result else Outcome.LOST


def _arithmetic(record: Record) -> Check:
    votes = record.votes_for + record.votes_against + record.abstain
    values = {
        "votes": votes,
        "for": record.votes_for,
        "against": record.votes_against,
        "abstain": record.abstain,
        "present": record.present,
        "eligible": record.eligible,
    }
    problems = []
    if record.present is not None and votes > record.present:
        problems.append(
            _("%(votes)d votes were recorded but only %(present)d were present") % values
        )
    if record.present is not None and record.present > record.eligible:
        problems.append(
            _("%(present)d were recorded present but only %(eligible)d are eligible") % values
        )
    if record.present is None and votes > record.eligible:
        problems.append(
            _("%(votes)d votes were recorded but only %(eligible)d are eligible") % values
        )
    if record.named_votes is not None:
        tally = {kind: sum(v.vote is kind for v in record.named_votes) for kind in Vote}
        if (tally[Vote.FOR], tally[Vote.AGAINST], tally[Vote.ABSTAIN]) != (
            record.votes_for,
            record.votes_against,
            record.abstain,
        ):
            values.update(
                named_for=tally[Vote.FOR],
                named_against=tally[Vote.AGAINST],
                named_abstain=tally[Vote.ABSTAIN],
            )
            problems.append(
                _(
                    "the roll call (%(named_for)d for, %(named_against)d against, "
                    "%(named_abstain)d abstaining) does not match the recorded "
                    "count"
                )
                % values
            )
    if problems:
        reason = _("the record does not add up: %(problems)s") % {"problems": "; ".join(problems)}
        return _check("arithmetic", Status.FAILED, reason, None, Standing.UNVERIFIED)
    if record.present is None:
        reason = (
            _(
                "%(votes)d votes (%(for)d for, %(against)d against, %(abstain)d "
                "abstaining) from %(eligible)d eligible"
            )
            % values
        )
    else:
        reason = (
            _(
                "%(votes)d votes (%(for)d for, %(against)d against, %(abstain)d "
                "abstaining) from %(present)d present"
            )
            % values
        )
    return _check("arithmetic", Status.PASSED, reason, None)


def _threshold(threshold: Threshold, clause: str, record: Record, outcome: Outcome | None) -> Check:
    values = {
        "clause": clause,
        "threshold": _THRESHOLDS[threshold],
        "for": record.votes_for,
        "against": record.votes_against,
        "abstain": record.abstain,
    }
    if outcome is Outcome.UNKNOWN:
        reason = (
            _("under clause %(clause)s it needed %(threshold)s, and attendance was not recorded")
            % values
        )
        return _check("threshold", Status.UNKNOWN, reason, clause, Standing.UNVERIFIED)
    if outcome is Outcome.CARRIED:
        reason = (
            _(
                "under clause %(clause)s it needed %(threshold)s: %(for)d for, "
                "%(against)d against, %(abstain)d abstaining"
            )
            % values
        )
        return _check("threshold", Status.PASSED, reason, clause)
    if record.votes_for == record.votes_against and record.votes_for > 0:
        reason = (
            _(
                "under clause %(clause)s it needed %(threshold)s, and the vote was tied: "
                "%(for)d for, %(against)d against; a tie fails"
            )
            % values
        )
    else:
        reason = (
            _(
                "under clause %(clause)s it needed %(threshold)s: %(for)d for, "
                "%(against)d against, %(abstain)d abstaining"
            )
            % values
        )
    return _check("threshold", Status.FAILED, reason, clause)


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
