"""One function per rule of the standing verdict; each returns a Check with its evidence in
plain words, its clause and its effect on the verdict. The rules are listed in ``standing``."""

from datetime import timedelta

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from undersigned.motions.rulebook import (
    MEETING_LABELS,
    BodyRules,
    MotionKind,
    MotionRule,
    Power,
    Rulebook,
    Threshold,
)
from undersigned.motions.verdicts import (
    Check,
    Emergency,
    NamedVote,
    Outcome,
    Record,
    Standing,
    Status,
    Vote,
    carried,
)

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


def make_check(
    name: str, status: Status, reason: str, clause: str | None, effect: Standing | None = None
) -> Check:
    return Check(name, status, f"{capfirst(reason)}.", clause, effect, reason)


def _days(days: int) -> str:
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def competence_check(rulebook: Rulebook, body: BodyRules, rule: MotionRule) -> Check:
    values = {
        "clause": rule.clause,
        "body": body.name,
        "other": rulebook.body_name(rule.to) if rule.to else "",
        "action": _ACTIONS[rule.kind],
    }
    if rule.power is Power.RESERVED:
        reason = _("under clause %(clause)s only the %(other)s can %(action)s") % values
        return make_check("competence", Status.FAILED, reason, rule.clause, Standing.VOID)
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
        return make_check("competence", Status.PASSED, reason, rule.clause, Standing.ADVISORY)
    reason = _("under clause %(clause)s the %(body)s may %(action)s") % values
    return make_check("competence", Status.PASSED, reason, rule.clause)


def meeting_notice_check(body: BodyRules, record: Record) -> Check:
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
        return make_check("meeting_notice", Status.FAILED, reason, notice.clause, Standing.VOID)
    given = record.meeting_at - record.notice_sent_at
    values["given"] = _days(max(0, given.days))
    if given >= timedelta(days=notice.days):
        reason = (
            _("notice was sent %(given)s before the meeting; clause %(clause)s asks for %(days)s")
            % values
        )
        return make_check("meeting_notice", Status.PASSED, reason, notice.clause)
    reason = (
        _(
            "under clause %(clause)s this %(meeting)s needed %(days)s of notice, and "
            "notice was sent only %(given)s before"
        )
        % values
    )
    return make_check("meeting_notice", Status.FAILED, reason, notice.clause, Standing.VOID)


def motion_notice_check(
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
        return make_check("motion_notice", Status.PASSED, reason, deadline.clause)
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
        return make_check("motion_notice", Status.PASSED, reason, deadline.clause)
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
    return make_check("motion_notice", Status.FAILED, reason, deadline.clause, Standing.VOID)


def rescind_check(record: Record, rule: MotionRule) -> Check:
    target = record.rescinds
    if target is None:
        reason = _("the record does not say which decision this motion rescinds")
        return make_check("rescind", Status.UNKNOWN, reason, rule.clause, Standing.UNVERIFIED)
    if not target.same_body:
        reason = _(
            "a body can only rescind its own decisions, and this one was taken by another body"
        )
        return make_check("rescind", Status.FAILED, reason, rule.clause, Standing.VOID)
    if target.decided_at >= record.meeting_at:
        reason = _("the decision to be rescinded was not taken before this meeting")
        return make_check("rescind", Status.FAILED, reason, rule.clause, Standing.VOID)
    reason = _("the decision rescinded is an earlier decision of the same body")
    return make_check("rescind", Status.PASSED, reason, rule.clause)


def quorum_check(body: BodyRules, record: Record) -> Check:
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
        return make_check("quorum", Status.UNKNOWN, reason, quorum.clause, Standing.UNVERIFIED)
    if record.present >= quorum.required(record.eligible):
        reason = (
            _(
                "%(present)d present of %(eligible)d eligible; the quorum is %(required)d "
                "(clause %(clause)s)"
            )
            % values
        )
        return make_check("quorum", Status.PASSED, reason, quorum.clause)
    reason = (
        _(
            "the meeting was inquorate: %(present)d present where clause %(clause)s needs "
            "%(required)d, so a quorate meeting must ratify the decision"
        )
        % values
    )
    return make_check("quorum", Status.FAILED, reason, quorum.clause, Standing.CURABLE)


def eligibility_check(
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
        return make_check("eligibility", Status.PASSED, reason, rule.clause)
    ineligible = [vote for vote in record.named_votes if not vote.eligible]
    if not ineligible:
        reason = (
            _(
                "every named voter was an active member of the %(body)s %(days)s before "
                "the meeting (clause %(clause)s)"
            )
            % values
        )
        return make_check("eligibility", Status.PASSED, reason, rule.clause)
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
    return make_check("eligibility", Status.FAILED, reason, rule.clause, effect)


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


def arithmetic_check(record: Record) -> Check:
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
        return make_check("arithmetic", Status.FAILED, reason, None, Standing.UNVERIFIED)
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
    return make_check("arithmetic", Status.PASSED, reason, None)


def threshold_check(
    threshold: Threshold, clause: str, record: Record, outcome: Outcome | None
) -> Check:
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
        return make_check("threshold", Status.UNKNOWN, reason, clause, Standing.UNVERIFIED)
    if outcome is Outcome.CARRIED:
        reason = (
            _(
                "under clause %(clause)s it needed %(threshold)s: %(for)d for, "
                "%(against)d against, %(abstain)d abstaining"
            )
            % values
        )
        return make_check("threshold", Status.PASSED, reason, clause)
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
    return make_check("threshold", Status.FAILED, reason, clause)
