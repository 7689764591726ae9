"""Read endpoints for bodies, meetings and motions (what their officers published), each
motion with its standing verdict and every check."""

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema

from undersigned.accounts.models import Organisation
from undersigned.api.errors import ApiError, ErrorOut
from undersigned.motions.models import Body, Meeting, Motion

router = Router(tags=["motions"])


class CheckOut(Schema):
    name: str
    label: str
    status: str
    evidence: str
    clause: str | None


class MotionSummaryOut(Schema):
    id: int
    title: str
    kind: str
    standing: str
    outcome: str
    url: str


class MotionOut(MotionSummaryOut):
    body: str
    meeting_id: int
    text: str
    version: int
    mover: str
    seconder: str
    received_at: datetime
    emergency: str
    eligible: int | None
    present: int | None
    votes_for: int
    votes_against: int
    abstain: int
    voted_at: datetime | None
    summary: str
    checks: list[CheckOut]
    rulebook_sha256: str | None


class MeetingOut(Schema):
    id: int
    kind: str
    starts_at: datetime
    place: str
    notice_sent_at: datetime | None
    eligible: int | None
    present: int | None
    motions: list[MotionSummaryOut]


class BodyOut(Schema):
    slug: str
    name: str
    kind: str
    url: str


class BodyDetailOut(BodyOut):
    meetings: list[MeetingOut]


def _url(path: str) -> str:
    return settings.BASE_URL + path


def _body(org: str, slug: str) -> Body:
    found = Body.objects.filter(organisation__slug=org, slug=slug, published=True).first()
    if found is None:
        raise ApiError(404, "not_found", "There is no published body at this address.")
    return found


def _summary(motion: Motion) -> dict[str, object]:
    return {
        "id": motion.pk,
        "title": motion.title,
        "kind": motion.kind,
        "standing": motion.standing,
        "outcome": motion.outcome,
        "url": _url(motion.get_absolute_url()),
    }


def _meeting(meeting: Meeting) -> dict[str, object]:
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "place": meeting.place,
        "notice_sent_at": meeting.notice_sent_at,
        "eligible": meeting.eligible_count,
        "present": meeting.present_count,
        "motions": [_summary(m) for m in meeting.motions.all() if m.published],
    }


@router.get(
    "/orgs/{slug:org}/bodies", response={200: list[BodyOut], 404: ErrorOut}, summary="Bodies"
)
def bodies(request: HttpRequest, org: str) -> list[dict[str, object]]:
    """The organisation's bodies whose officers have published meetings."""
    if not Organisation.objects.filter(slug=org).exists():
        raise ApiError(404, "not_found", "There is no organisation at this address.")
    found = Body.objects.filter(organisation__slug=org, published=True).select_related(
        "organisation"
    )
    return [
        {"slug": b.slug, "name": b.name, "kind": b.kind, "url": _url(b.get_absolute_url())}
        for b in found
    ]


@router.get(
    "/orgs/{slug:org}/bodies/{slug:slug}",
    response={200: BodyDetailOut, 404: ErrorOut},
    summary="A body and its meetings",
)
def body(request: HttpRequest, org: str, slug: str) -> dict[str, object]:
    found = _body(org, slug)
    meetings = found.meetings.filter(published=True).prefetch_related("motions")
    return {
        "slug": found.slug,
        "name": found.name,
        "kind": found.kind,
        "url": _url(found.get_absolute_url()),
        "meetings": [_meeting(m) for m in meetings],
    }


@router.get(
    "/orgs/{slug:org}/bodies/{slug:slug}/motions/{int:pk}",
    response={200: MotionOut, 404: ErrorOut},
    summary="A motion with its standing verdict",
)
def motion(request: HttpRequest, org: str, slug: str, pk: int) -> dict[str, object]:
    found = _body(org, slug)
    item = (
        Motion.objects.filter(meeting__body=found, published=True, meeting__published=True, pk=pk)
        .select_related("meeting__rulebook")
        .first()
    )
    if item is None:
        raise ApiError(404, "not_found", "There is no published motion at this address.")
    meeting = item.meeting
    present = item.present_at_vote if item.present_at_vote is not None else meeting.present_count
    return {
        **_summary(item),
        "body": found.name,
        "meeting_id": meeting.pk,
        "text": item.text,
        "version": item.version,
        "mover": item.mover,
        "seconder": item.seconder,
        "received_at": item.received_at,
        "emergency": item.emergency,
        "eligible": meeting.eligible_count,
        "present": present,
        "votes_for": item.votes_for,
        "votes_against": item.votes_against,
        "abstain": item.abstain,
        "voted_at": item.voted_at,
        "summary": item.summary,
        "checks": item.checks,
        "rulebook_sha256": meeting.rulebook.sha256 if meeting.rulebook else None,
    }
