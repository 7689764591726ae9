"""The only ways in for meetings and motions: the officers' workspace, the demo and the
tests all call these. Every change to the record recomputes the motion's verdict."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from undersigned.accounts.models import Organisation
from undersigned.ledger import events
from undersigned.ledger.models import Log, PendingEvent
from undersigned.lib.signals import public_change
from undersigned.members import eligibility
from undersigned.members.models import RosterEntry
from undersigned.motions import log, standing, tasks
from undersigned.motions import rulebook as rules
from undersigned.motions.models import (
    Amendment,
    Attendance,
    Meeting,
    Motion,
    MotionVersion,
    NamedVote,
    NoticeRecipient,
    Poll,
    Rulebook,
)


class Frozen(Exception):
    """The motion has been voted on: its text and amendments can no longer change."""


@dataclass
class Lines:
    """What a pasted list of members gave: the roster entries found, and the lines that
    matched nobody on the roster (line number, text)."""

    found: list[tuple[int, RosterEntry]] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)


def current_rulebook(organisation: Organisation) -> Rulebook | None:
    return Rulebook.objects.filter(organisation=organisation).order_by("-number").first()


def save_rulebook(organisation: Organisation, source: str, by: User | None) -> Rulebook:
    """A new version of the rulebook. Raises rules.RulebookInvalid (listing every problem,
    with its line or key) and stores nothing if the text is not a valid rulebook."""
    rules.load(source)
    with transaction.atomic():
        latest = current_rulebook(organisation)
        if latest is not None and latest.source == source:
            return latest
        return Rulebook.objects.create(
            organisation=organisation,
            number=(latest.number + 1) if latest else 1,
            source=source,
            sha256=rules.sha256(source),
            created_by=by,
        )


def read_members(organisation_id: int, text: str) -> Lines:
    """Each non-blank line an email address or a membership number on the roster."""
    lines = Lines()
    for number, raw in enumerate(text.splitlines(), start=1):
        value = raw.strip()
        if not value:
            continue
        entry = eligibility.find_member(organisation_id, value)
        if entry is None:
            lines.unknown.append((number, value))
        else:
            lines.found.append((number, entry))
    return lines


def _is_eligible(meeting: Meeting, entry: RosterEntry) -> bool:
    return eligibility.accepts(meeting.body.audience(), entry)


def send_notice(meeting: Meeting, emails: list[str]) -> int:
    """Call the meeting: record the notice's time, the rulebook in force and the eligible
    count, and email the notice to those of `emails` who are eligible members of the body.
    The addresses are kept only until the email has gone (the roster holds none)."""
    audience = meeting.body.audience()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.notice_sent_at is not None:
            return 0
        locked.notice_sent_at = timezone.now()
        locked.eligible_count = eligibility.members_of(audience).count()
        locked.rulebook = current_rulebook(meeting.body.organisation)
        locked.save(update_fields=["notice_sent_at", "eligible_count", "rulebook"])
        sent = 0
        for email in dict.fromkeys(e.strip().lower() for e in emails if e.strip()):
            entry = eligibility.find_by_email(audience.organisation.pk, email)
            if eligibility.accepts(audience, entry):
                recipient = NoticeRecipient.objects.create(meeting=locked, email=email)
                tasks.send_notice.enqueue(recipient.pk)
                sent += 1
    meeting.refresh_from_db()
    return sent


def mark_present(meeting: Meeting, text: str) -> Lines:
    """Mark members present from a pasted list (emails or membership numbers). Nothing is
    written if any line matches nobody on the roster."""
    lines = read_members(meeting.body.organisation_id, text)
    if lines.unknown:
        return lines
    with transaction.atomic():
        for _, entry in lines.found:
            Attendance.objects.get_or_create(
                meeting=meeting,
                roster_entry=entry,
                defaults={"eligible": _is_eligible(meeting, entry)},
            )
        Meeting.objects.filter(pk=meeting.pk).update(present_count=meeting.attendance.count())
        for motion in meeting.motions.all():
            judge(motion)
    meeting.refresh_from_db()
    return lines


def set_present_count(meeting: Meeting, present: int) -> None:
    """Where names were not taken: the number present."""
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(present_count=present)
        meeting.refresh_from_db()
        for motion in meeting.motions.all():
            judge(motion)


def create_motion(meeting: Meeting, **fields: Any) -> Motion:
    with transaction.atomic():
        motion = Motion.objects.create(meeting=meeting, **fields)
        MotionVersion.objects.create(motion=motion, number=1, text=motion.text)
        judge(motion)
    return motion


def _not_frozen(motion: Motion) -> None:
    if motion.is_voted:
        raise Frozen


def move_amendment(motion: Motion, *, summary: str, text: str, mover: str) -> Amendment:
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        _not_frozen(motion)
        number = motion.amendments.count() + 1
        return Amendment.objects.create(
            motion=motion, number=number, summary=summary, text=text, mover=mover
        )


def decide_amendment(amendment: Amendment, votes_for: int, against: int, abstain: int) -> bool:
    """Record the meeting's vote on an amendment; if carried (a majority of votes cast), the
    motion's text becomes the amended text, as a new version. Returns whether it carried."""
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=amendment.motion_id)
        _not_frozen(motion)
        carried = votes_for > against
        Amendment.objects.filter(pk=amendment.pk).update(
            votes_for=votes_for, votes_against=against, abstain=abstain, carried=carried
        )
        if carried:
            motion.version += 1
            motion.text = amendment.text
            motion.save(update_fields=["version", "text"])
            MotionVersion.objects.create(
                motion=motion,
                number=motion.version,
                text=amendment.text,
                reason=f"Amendment {amendment.number}: {amendment.summary}"[:300],
            )
    amendment.refresh_from_db()
    return carried


def edit_text(motion: Motion, text: str, reason: str) -> None:
    """Correct the text before the vote (a new version); refused once voted on."""
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        _not_frozen(motion)
        motion.version += 1
        motion.text = text
        motion.save(update_fields=["version", "text"])
        MotionVersion.objects.create(motion=motion, number=motion.version, text=text, reason=reason)


def record_vote(
    motion: Motion,
    *,
    votes_for: int,
    against: int,
    abstain: int,
    present: int | None = None,
    roll_call: list[tuple[str, str, str]] | None = None,
    members: list[tuple[str, RosterEntry, str]] | None = None,
    at: datetime | None = None,
) -> Lines:
    """Record the meeting's vote: counts, or a roll call of (name, email or membership
    number, choice) whose counts replace the given ones. A roll-call line that matches
    nobody on the roster is refused (nothing written); one who is on the roster but not an
    eligible member of the body is recorded as such, and the verdict weighs it."""
    lines = Lines()
    named: list[NamedVote] = []

    def vote(name: str, entry: RosterEntry, choice: str) -> NamedVote:
        eligible = _is_eligible(motion.meeting, entry)
        return NamedVote(
            motion=motion,
            name=name,
            roster_entry=entry,
            eligible=eligible,
            choice=NamedVote.Choice(choice),
        )

    if roll_call is not None:
        org_id = motion.meeting.body.organisation_id
        for number, (name, identifier, choice) in enumerate(roll_call, start=1):
            entry = eligibility.find_member(org_id, identifier)
            if entry is None:
                lines.unknown.append((number, identifier))
                continue
            lines.found.append((number, entry))
            named.append(vote(name, entry, choice))
        if lines.unknown:
            return lines
    if members is not None:
        named = [vote(name, entry, choice) for name, entry, choice in members]
    if roll_call is not None or members is not None:
        votes_for = sum(v.choice == NamedVote.Choice.FOR for v in named)
        against = sum(v.choice == NamedVote.Choice.AGAINST for v in named)
        abstain = sum(v.choice == NamedVote.Choice.ABSTAIN for v in named)
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        motion.named_votes.all().delete()
        NamedVote.objects.bulk_create(named)
        motion.votes_for, motion.votes_against, motion.abstain = votes_for, against, abstain
        motion.present_at_vote = present
        motion.voted_at = at or timezone.now()
        motion.save(
            update_fields=["votes_for", "votes_against", "abstain", "present_at_vote", "voted_at"]
        )
        judge(motion)
        if not Poll.objects.filter(motion=motion).exists():
            _log_recorded_vote(motion)
    return lines


def _log_recorded_vote(motion: Motion) -> None:
    """A vote the officers recorded goes into the motion's log too (no ballots: the record
    and the result, so `verify` recomputes the verdict). Members' own votes are logged by
    polls.close. The meeting keeps the rulebook the verdict was judged under."""
    meeting = motion.meeting
    if meeting.rulebook_id is None:
        meeting.rulebook = current_rulebook(meeting.body.organisation)
        meeting.save(update_fields=["rulebook"])
    opened = PendingEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(Motion), subject_id=motion.pk, kind=log.OPEN
    ).exists()
    if not opened and not Log.objects.of(motion).exists():
        events.record(Motion, motion.pk, log.OPEN)
    events.record(Motion, motion.pk, log.RESULT)


def record_of(motion: Motion) -> standing.Record:
    meeting = motion.meeting
    present = (
        motion.present_at_vote if motion.present_at_vote is not None else meeting.present_count
    )
    named: tuple[standing.NamedVote, ...] | None = None
    votes = list(motion.named_votes.all())
    if votes:
        named = tuple(
            standing.NamedVote(v.name, v.eligible, standing.Vote(v.choice)) for v in votes
        )
    rescinds = None
    if motion.rescinds_id is not None:
        earlier = motion.rescinds
        assert earlier is not None
        rescinds = standing.Rescinds(
            decided_at=earlier.voted_at or earlier.meeting.starts_at,
            same_body=earlier.meeting.body_id == meeting.body_id,
        )
    eligible = meeting.eligible_count
    if eligible is None:
        eligible = eligibility.members_of(meeting.body.audience()).count()
    return standing.Record(
        body_kind=meeting.body.kind,
        meeting_kind=rules.MeetingKind(meeting.kind),
        meeting_at=meeting.starts_at,
        notice_sent_at=meeting.notice_sent_at,
        motion_kind=rules.MotionKind(motion.kind),
        received_at=motion.received_at,
        emergency=standing.Emergency(motion.emergency) if motion.emergency else None,
        eligible=eligible,
        present=present,
        votes_for=motion.votes_for,
        votes_against=motion.votes_against,
        abstain=motion.abstain,
        named_votes=named,
        rescinds=rescinds,
    )


def rulebook_for(meeting: Meeting) -> Rulebook | None:
    return meeting.rulebook or current_rulebook(meeting.body.organisation)


def judge(motion: Motion) -> standing.Verdict | None:
    """Recompute and store the motion's verdict (before the vote: the checks so far, with
    the outcome unknown). None when the organisation has no rulebook yet."""
    stored = rulebook_for(motion.meeting)
    if stored is None:
        Motion.objects.filter(pk=motion.pk).update(
            standing=standing.Standing.UNVERIFIED, outcome="", summary="", checks=[]
        )
        return None
    verdict = standing.judge(rules.load(stored.source), record_of(motion))
    outcome = verdict.outcome.value if verdict.outcome and motion.is_voted else ""
    checks = [
        {
            "name": check.name,
            "label": check.label,
            "status": check.status.value,
            "evidence": check.evidence,
            "clause": check.clause,
        }
        for check in verdict.checks
    ]
    Motion.objects.filter(pk=motion.pk).update(
        standing=verdict.standing.value, outcome=outcome, summary=verdict.summary, checks=checks
    )
    motion.standing, motion.outcome, motion.summary, motion.checks = (
        verdict.standing.value,
        outcome,
        verdict.summary,
        checks,
    )
    public_change.send(Motion, instance=motion)
    return verdict


def publish(meeting: Meeting) -> None:
    """The meeting and its motions appear on the body's public page."""
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(published=True)
        meeting.motions.update(published=True)
        type(meeting.body).objects.filter(pk=meeting.body_id).update(published=True)
        for motion in meeting.motions.all():
            public_change.send(Motion, instance=motion)
