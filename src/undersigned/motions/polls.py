"""Members voting themselves (issue: ballots). Officers open a poll on a motion; each
eligible member gets a one-time ballot link; at the meeting, members check in with their
link and the room code, then vote on their phones while the vote is open. A secret poll
keeps who voted apart from what was chosen. At close the ballots go into the motion's log
(secret ones in tracker order, with no times) with the result and the record, and the
verdict is computed from them."""

import secrets
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from undersigned.ledger import events, sequencer
from undersigned.members import eligibility
from undersigned.motions import log, services, tasks
from undersigned.motions.models import (
    Attendance,
    BallotInvite,
    Motion,
    NamedBallot,
    Poll,
    SecretBallot,
    Voter,
)

CHOICES = ("for", "against", "abstain")


class PollError(Exception):
    """A vote that cannot happen, with a sentence the page may show."""


def open_poll(
    motion: Motion,
    emails: list[str],
    *,
    secret: bool,
    allow_change: bool = False,
    closes_at: datetime | None = None,
) -> Poll:
    """Open the vote: the eligible roster is snapshotted (its commitments' root goes into
    the log), and those of `emails` who are on it get their ballot link. Named or secret
    is fixed from here on."""
    audience = motion.meeting.body.audience()
    with transaction.atomic():
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.is_voted or Poll.objects.filter(motion=motion).exists():
            raise PollError("This motion has been put to the vote already.")
        members = list(eligibility.members_of(audience))
        poll = Poll.objects.create(
            motion=motion,
            secret=secret,
            allow_change=allow_change,
            room_code=secrets.token_hex(3).upper(),
            opened_at=timezone.now(),
            closes_at=closes_at,
            roster_root="-",
            eligible=len(members),
        )
        voters = Voter.objects.bulk_create(
            Voter(poll=poll, roster_entry=entry, salt=secrets.token_hex(32)) for entry in members
        )
        origin = log.origin(motion)
        poll.roster_root = log.roster_root(log.commitment(v.salt, "roster", origin) for v in voters)
        poll.save(update_fields=["roster_root"])
        meeting = motion.meeting
        meeting.eligible_count = len(members)
        meeting.rulebook = meeting.rulebook or services.current_rulebook(meeting.body.organisation)
        meeting.save(update_fields=["eligible_count", "rulebook"])
        by_entry = {voter.roster_entry_id: voter for voter in voters}
        for email in dict.fromkeys(e.strip().lower() for e in emails if e.strip()):
            entry = eligibility.find_by_email(audience.organisation.pk, email)
            voter = by_entry.get(entry.pk) if entry else None
            if voter is not None:
                invite = BallotInvite.objects.create(voter=voter, email=email)
                tasks.send_ballot.enqueue(invite.pk)
        events.record(Motion, motion.pk, log.OPEN)
    return poll


def check_in(voter: Voter, room_code: str) -> None:
    poll = voter.poll
    if not poll.is_open:
        raise PollError("The vote has closed.")
    if not secrets.compare_digest(room_code.strip().upper(), poll.room_code):
        raise PollError("That is not the code shown in the room.")
    with transaction.atomic():
        if not Voter.objects.filter(pk=voter.pk, checked_in=False).update(checked_in=True):
            return
        meeting = poll.motion.meeting
        Attendance.objects.get_or_create(meeting=meeting, roster_entry_id=voter.roster_entry_id)
        meeting.present_count = meeting.attendance.count()
        meeting.save(update_fields=["present_count"])
        events.record(Motion, poll.motion_id, log.ATTEND, item_id=voter.pk)
    voter.checked_in = True


def cast(voter: Voter, choice: str, *, name: str = "", tracker: str = "") -> str:
    """Record the voter's ballot; returns the tracker of a secret ballot ('' for named).
    Once per voter (the database refuses a second); a change, where the poll allows it,
    replaces the choice (a secret voter names their ballot by its tracker)."""
    if choice not in CHOICES:
        raise PollError("Choose for, against or abstain.")
    poll = voter.poll
    with transaction.atomic():
        Poll.objects.select_for_update().filter(pk=poll.pk).first()
        poll.refresh_from_db()
        if not poll.is_open or (poll.closes_at and poll.closes_at <= timezone.now()):
            raise PollError("The vote has closed.")
        if poll.secret:
            return _cast_secret(voter, poll, choice, tracker)
        if voter.voted and not poll.allow_change:
            raise PollError("You have voted already.")
        NamedBallot.objects.update_or_create(voter=voter, defaults={"poll": poll, "choice": choice})
        Voter.objects.filter(pk=voter.pk).update(voted=True, name=name[:200] or voter.name)
        return ""


def _cast_secret(voter: Voter, poll: Poll, choice: str, tracker: str) -> str:
    if Voter.objects.filter(pk=voter.pk, voted=False).update(voted=True):
        fresh = secrets.token_hex(16)
        SecretBallot.objects.create(poll=poll, tracker=fresh, choice=choice)
        return fresh
    if not poll.allow_change:
        raise PollError("You have voted already.")
    if not SecretBallot.objects.filter(poll=poll, tracker=tracker.strip().lower()).update(
        choice=choice
    ):
        raise PollError("To change your vote, give the tracker you were shown when you voted.")
    return tracker.strip().lower()


def close(poll: Poll) -> Motion:
    """Close the vote: log every ballot (named in name order, secret in tracker order, with
    no times), record the tally as the meeting's vote, log the result and the record the
    verdict follows from, then sequence the log."""
    with transaction.atomic():
        if not Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
            closed_at=timezone.now()
        ):
            raise PollError("The vote has closed already.")
        motion = poll.motion
        if poll.secret:
            ballots = SecretBallot.objects.filter(poll=poll).order_by("tracker")
            for ballot in ballots:
                events.record(
                    Motion, motion.pk, log.SECRET, reason=f"{ballot.tracker}:{ballot.choice}"
                )
            counts = {c: ballots.filter(choice=c).count() for c in CHOICES}
            roll = None
        else:
            named = NamedBallot.objects.filter(poll=poll).select_related("voter__roster_entry")
            named = named.order_by("voter__name", "id")
            for named_ballot in named:
                events.record(Motion, motion.pk, log.NAMED, item_id=named_ballot.pk)
            counts = {c: named.filter(choice=c).count() for c in CHOICES}
            roll = [(b.voter.name or "-", b.voter.roster_entry, b.choice) for b in named]
        checked_in = poll.voters.filter(checked_in=True).count()
        present = checked_in or poll.voters.filter(voted=True).count()
        services.record_vote(
            motion,
            votes_for=counts["for"],
            against=counts["against"],
            abstain=counts["abstain"],
            present=present,
            members=roll,
        )
        motion.refresh_from_db()
        events.record(Motion, motion.pk, log.RESULT)
    sequencer.sequence(motion, notify=False)
    return motion


def close_due_polls() -> int:
    """Close every open poll whose closing time has passed (a clock job)."""
    closed = 0
    for poll in Poll.objects.filter(closed_at__isnull=True, closes_at__lte=timezone.now()):
        try:
            close(poll)
            closed += 1
        except PollError:
            pass
    return closed


def check_tracker(poll: Poll, tracker: str) -> bool:
    """Whether a tracker is among the poll's ballots (counted, so the result page can say how
    many voters checked theirs)."""
    found = SecretBallot.objects.filter(poll=poll, tracker=tracker.strip().lower()).exists()
    if found:
        Poll.objects.filter(pk=poll.pk).update(trackers_checked=F("trackers_checked") + 1)
    return found
