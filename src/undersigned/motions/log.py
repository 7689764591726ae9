"""A motion's verifiable log (same formats, tiles, checkpoints and keys as letters'): the
rulebook's hash, the eligible roster (a root over salted commitments, never names), the
notice, attendance commitments, every ballot (named: the voter's public name; secret: the
tracker) and, at close, the result with the whole record the verdict follows from.
Entries are `undersigned-motion/v1`, one `key value` per line."""

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from undersigned.ledger import entries, merkle, notes, subjects
from undersigned.ledger import views as ledger_views
from undersigned.ledger.models import Log, PendingEvent
from undersigned.motions.models import Motion, NamedBallot, Poll, Voter

HEADER = "undersigned-motion/v1"
KINDS = {"open", "attend", "ballot", "result"}
# PendingEvent kinds of a motion's log.
OPEN, ATTEND, NAMED, SECRET, RESULT = "open", "attend", "named", "secret", "result"


def stamp(moment: datetime | None) -> str:
    return entries.timestamp(moment) if moment else "-"


def commitment(salt: str, what: str, origin: str) -> str:
    """A voter's salted commitment (to the roster or to attendance): unlinkable to them
    without the salt, which only they receive."""
    return hmac.new(bytes.fromhex(salt), f"{what}\n{origin}".encode(), hashlib.sha256).hexdigest()


def roster_root(commitments: Iterable[str]) -> str:
    leaves = [merkle.hash_leaf(bytes.fromhex(c)) for c in sorted(commitments)]
    return merkle.root_of(leaves).hex() if leaves else "-"


def origin(motion: Motion) -> str:
    return f"{notes.origin_host()}{motion.get_absolute_url().rstrip('/')}"


class MotionLogKind:
    model = Motion

    def origin(self, subject: Motion) -> str:
        return origin(subject)

    def batch(self, subject: Motion, events: list[PendingEvent], origin: str) -> "MotionBatch":
        return MotionBatch(subject, origin)


class MotionBatch:
    def __init__(self, motion: Motion, origin: str) -> None:
        self.motion, self.origin = motion, origin
        self.poll = Poll.objects.filter(motion=motion).first()

    def entry(self, event: PendingEvent, logged: Mapping[int, int]) -> subjects.Entry | None:
        poll, motion = self.poll, self.motion
        moment = event.created or timezone.now()
        fields: list[tuple[str, str | int]]
        if event.kind == OPEN:
            meeting = motion.meeting
            rulebook = meeting.rulebook
            fields = [
                ("kind", "open"),
                ("rulebook", rulebook.sha256 if rulebook else "-"),
                # A vote recorded by officers (no poll): no roster snapshot, no ballots.
                ("mode", "ballots" if poll else "recorded"),
                ("roster", poll.roster_root if poll else "-"),
                ("eligible", poll.eligible if poll else meeting.eligible_count or 0),
                ("secret", "yes" if poll and poll.secret else "no"),
                ("version", motion.version),
                ("text", hashlib.sha256(motion.text.encode()).hexdigest()),
                ("notice", stamp(meeting.notice_sent_at)),
                ("time", entries.timestamp(moment)),
            ]
        elif event.kind == ATTEND:
            voter = Voter.objects.get(pk=event.item_id or 0)
            fields = [
                ("kind", "attend"),
                ("commit", commitment(voter.salt, "attend", self.origin)),
                ("time", entries.timestamp(moment)),
            ]
        elif event.kind == NAMED:
            ballot = NamedBallot.objects.select_related("voter").get(pk=event.item_id or 0)
            fields = [
                ("kind", "ballot"),
                ("name", ballot.voter.name or "-"),
                ("choice", ballot.choice),
            ]
        elif event.kind == SECRET:
            # Only the tracker and the choice, with no time: appended at close, in tracker
            # order, so neither the log nor its order links a member to a choice.
            choice = event.reason.split(":", 1)
            fields = [("kind", "ballot"), ("tracker", choice[0]), ("choice", choice[1])]
        elif event.kind == RESULT:
            fields = result_fields(motion)
        else:
            return None
        return subjects.Entry(entries.build(fields, header=HEADER))

    def appended(self, logged: Mapping[int, int], notify: bool) -> None:
        pass


def result_fields(motion: Motion) -> list[tuple[str, str | int]]:
    """The result and the record the verdict follows from (see standing.Record)."""
    meeting = motion.meeting
    rescinds = motion.rescinds
    present = (
        motion.present_at_vote if motion.present_at_vote is not None else meeting.present_count
    )
    return [
        ("kind", "result"),
        ("for", motion.votes_for),
        ("against", motion.votes_against),
        ("abstain", motion.abstain),
        ("present", "-" if present is None else present),
        ("eligible", meeting.eligible_count if meeting.eligible_count is not None else "-"),
        ("body", meeting.body.kind),
        ("meeting", meeting.kind),
        ("meeting_at", stamp(meeting.starts_at)),
        ("notice_at", stamp(meeting.notice_sent_at)),
        ("motion", motion.kind),
        ("received_at", stamp(motion.received_at)),
        ("emergency", motion.emergency or "-"),
        (
            "rescinds_at",
            stamp(rescinds.voted_at or rescinds.meeting.starts_at) if rescinds else "-",
        ),
        (
            "rescinds_same_body",
            ("yes" if rescinds.meeting.body_id == meeting.body_id else "no") if rescinds else "-",
        ),
        ("standing", motion.standing or "-"),
        ("outcome", motion.outcome or "-"),
    ]


def parse(entry: bytes) -> dict[str, str]:
    return entries.parse(entry, header=HEADER, kinds=KINDS)


def parse_time(text: str) -> datetime | None:
    return (
        None if text == "-" else datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    )


# --- Public addresses of a motion's log ---


def _published(org_slug: str, slug: str, pk: int) -> QuerySet[Motion]:
    return Motion.objects.filter(
        pk=pk,
        published=True,
        meeting__published=True,
        meeting__body__slug=slug,
        meeting__body__organisation__slug=org_slug,
    )


@require_safe
def checkpoint(request: HttpRequest, org_slug: str, slug: str, pk: int) -> HttpResponse:
    motion = get_object_or_404(_published(org_slug, slug, pk))
    return ledger_views.checkpoint(Log.objects.of(motion).first())


@require_safe
@gzip_page
def tile(request: HttpRequest, org_slug: str, slug: str, pk: int, path: str) -> HttpResponse:
    logs = Log.objects.filter(
        subject_type=ContentType.objects.get_for_model(Motion),
        subject_id__in=_published(org_slug, slug, pk).values("pk"),
    )
    return ledger_views.tile(logs, path)


def tally(fields_list: Iterable[dict[str, str]]) -> dict[str, int]:
    counts = {"for": 0, "against": 0, "abstain": 0}
    for fields in fields_list:
        if fields.get("kind") == "ballot":
            counts[fields["choice"]] += 1
    return counts
