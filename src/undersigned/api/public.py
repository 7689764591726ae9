"""Read endpoints (no authentication, CORS open) and the sign endpoint."""

from datetime import datetime
from typing import Any, Literal, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import NoReverseMatch, reverse
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema, Status
from pydantic import Field
from pydantic.config import JsonDict

from undersigned.accounts.models import Branch, Region, code_validator
from undersigned.api.errors import ApiError, ErrorOut
from undersigned.api.schemas import (
    AcceptedOut,
    CountOut,
    LetterListOut,
    LetterOut,
    SignatoryListOut,
    SignIn,
)
from undersigned.letters import challenge, pagecache, queries, services
from undersigned.letters.forms import SignForm
from undersigned.letters.models import Letter, Signature
from undersigned.lib.network import client_ip

router = Router(tags=["public"])

COUNT_CACHE_CONTROL = "public, max-age=2, stale-while-revalidate=10"
GROUP_COUNTS_SECONDS = 60
LETTER_CLOSED = gettext_noop("This letter is closed and no longer accepts signatures.")
# The members' eligibility check refuses, with a sentence it may show, a membership number
# and postcode that do not match.
NOT_ELIGIBLE = services.NotEligible
COUNT_HEADERS = {
    "ETag": {
        "description": "Changes with the count and status.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "required": True,
        "schema": {"type": "string", "enum": [COUNT_CACHE_CONTROL]},
    },
}


# A cursor as the API hands it out (seconds.microseconds_id). The published schema says so,
# so that every cursor the schema allows is one the API accepts.
CURSOR: JsonDict = {"pattern": r"^[0-9]{1,10}(\.[0-9]{1,6})?_[0-9]{1,18}$"}


class PageQuery(Schema):
    after: str | None = Field(
        None, description="The `next` cursor of the previous page.", json_schema_extra=CURSOR
    )
    limit: int = Field(100, ge=1, le=100)


class SignatoryQuery(PageQuery):
    since: str | None = Field(
        None,
        description="The `latest` cursor of an earlier answer: only newer signatures, "
        "oldest first (for incremental polling). Not together with `after`.",
        json_schema_extra=CURSOR,
    )


def absolute(path: str) -> str:
    return settings.BASE_URL + path


NO_LETTER = gettext_noop("There is no public letter with this slug.")


def public_letter(slug: str, only: tuple[str, ...] = ()) -> Letter:
    """The letter at this slug unless it is a draft; `only` narrows the columns read."""
    letters = Letter.objects.public().filter(slug=slug).order_by()
    letter = (letters.only(*only) if only else letters.select_related("organisation")).first()
    if letter is None:
        raise ApiError(404, "not_found", _(NO_LETTER))
    return letter


def public_status(letter: Letter) -> Literal["open", "closed"]:
    return "open" if letter.is_open() else "closed"


def cursor_of(value: str | None, name: str) -> tuple[datetime, int] | None:
    if not value:
        return None
    if (position := queries.parse_cursor(value)) is None:
        raise ApiError(
            422,
            "invalid",
            _("Some values are missing or not valid."),
            {name: [_("This cursor is not valid.")]},
        )
    return position


def summary(letter: Letter) -> dict[str, object]:
    return {
        "slug": letter.slug,
        "title": letter.title,
        "organisation": {"slug": letter.organisation.slug, "name": letter.organisation.name},
        "addressee": letter.addressee,
        "status": public_status(letter),
        "opens_at": letter.opens_at,
        "closes_at": letter.closes_at,
        "count": letter.public_count,
        "url": letter.public_url,
    }


def group_counts(letter: Letter) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Confirmed signatures by region and by branch, from one grouped query, cached for a
    minute so that a busy letter does not count its signatures on every request."""
    key = f"api:groups:{letter.pk}"
    if (found := cache.get(key)) is not None:
        return cast(tuple[list[dict[str, object]], list[dict[str, object]]], found)
    rows = (
        letter.signatures.filter(status=Signature.Status.CONFIRMED, region__isnull=False)
        .values("region_id", "branch_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    by_region: dict[int, int] = {}
    by_branch: dict[int, int] = {}
    for row in rows:
        by_region[row["region_id"]] = by_region.get(row["region_id"], 0) + row["count"]
        if row["branch_id"] is not None:
            by_branch[row["branch_id"]] = row["count"]
    regions = [
        {"code": region.code, "name": region.name, "count": by_region[region.pk]}
        for region in Region.objects.filter(pk__in=by_region).order_by("name", "code")
    ]
    branches = [
        {"code": b.code, "name": b.name, "region": b.region.code, "count": by_branch[b.pk]}
        for b in Branch.objects.filter(pk__in=by_branch)
        .select_related("region")
        .order_by("name", "code")
    ]
    cache.set(key, (regions, branches), GROUP_COUNTS_SECONDS)
    return regions, branches


def checkpoint_url(letter: Letter) -> str | None:
    try:
        return absolute(reverse("letters:log_checkpoint", kwargs={"slug": letter.slug}))
    except NoReverseMatch:
        return None  # the log's pages are not installed


@router.get("/letters", response={200: LetterListOut, 422: ErrorOut}, summary="Open letters")
def list_letters(request: HttpRequest, query: Query[PageQuery]) -> dict[str, object]:
    """Open letters, newest first, `limit` at a time (keyset pagination)."""
    rows = queries.open_letters().order_by("-opens_at", "-id")
    if position := cursor_of(query.after, "after"):
        at, pk = position
        rows = rows.filter(Q(opens_at__lt=at) | Q(opens_at=at, id__lt=pk))
    page = list(rows[: query.limit + 1])
    last = page[query.limit - 1] if len(page) > query.limit else None
    next_cursor = f"{last.opens_at.timestamp():.6f}_{last.pk}" if last and last.opens_at else None
    return {"items": [summary(letter) for letter in page[: query.limit]], "next": next_cursor}


@router.get("/letters/{slug:slug}", response={200: LetterOut, 404: ErrorOut}, summary="One letter")
def letter_detail(request: HttpRequest, slug: str) -> dict[str, object]:
    letter = public_letter(slug)
    regions, branches = group_counts(letter)
    return {
        **summary(letter),
        "text_html": letter.body_html,
        "closed_at": letter.closed_on(),
        "member_count": letter.member_count,
        "counts_by_region": regions,
        "counts_by_branch": branches,
        "version": letter.version,
        "checkpoint_url": checkpoint_url(letter),
        "share_image_url": absolute(reverse("sharing:image", args=[letter.slug])),
        "embed_url": absolute(reverse("sharing:embed", args=[letter.slug])),
    }


@router.get(
    "/letters/{slug:slug}/signatories",
    response={200: SignatoryListOut, 404: ErrorOut, 422: ErrorOut},
    summary="Public signatories",
)
def signatories(request: HttpRequest, slug: str, query: Query[SignatoryQuery]) -> dict[str, object]:
    """Only what the letter page shows: newest first with `after`, or oldest first after
    `since`. `latest` is the cursor to pass as `since` next time."""
    # The first page, asked for with no parameters, is the same for everyone: cached.
    cached = pagecache.lookup(slug, "signatories") if not request.GET else None
    if cached and cached.value is not None:
        return cast(dict[str, object], cached.value)
    letter = public_letter(slug)
    if query.after and query.since:
        raise ApiError(
            422,
            "invalid",
            _("Give `after` or `since`, not both."),
            {"since": [_("Give `after` or `since`, not both.")]},
        )
    rows = queries.public_signatures(letter)
    since = cursor_of(query.since, "since")
    latest: str | None
    if query.since and since:
        at, pk = since
        rows = rows.filter(Q(confirmed_at__gt=at) | Q(confirmed_at=at, id__gt=pk))
        page = list(rows.order_by("confirmed_at", "id")[: query.limit])
        latest = queries.make_cursor(page[-1]) if page else query.since
        next_cursor = None
    else:
        page, after = queries.newest_first(rows, cursor_of(query.after, "after"), query.limit)
        next_cursor = after or None
        newest = page[0] if page and not query.after else None
        latest = queries.make_cursor(newest) if newest else None
    items = [
        {
            "name": s.name,
            "role": s.public_role,
            "branch": s.branch.name if s.branch else None,
            "branch_verified": s.branch_verified,
            "initial": s.is_initial,
            "branch_code": s.branch.code if s.branch else None,
            "display_salt": s.display_salt or None,
        }
        for s in page
    ]
    result: dict[str, object] = {"items": items, "next": next_cursor, "latest": latest}
    if cached:
        cached.store(result)
    return result


@router.get(
    "/letters/{slug:slug}/count",
    response={200: CountOut, 304: None, 404: ErrorOut},
    summary="The count alone",
    openapi_extra={"responses": {200: {"headers": COUNT_HEADERS}, 304: {"headers": COUNT_HEADERS}}},
)
def count(request: HttpRequest, slug: str) -> HttpResponse:
    """Cheap to poll: answers 304 to a matching `If-None-Match`."""
    # Polled by every open letter page: from the cache, else one narrow query on the slug's
    # unique index. The cache is looked up first (see letters.pagecache).
    cached = pagecache.lookup(slug, "count")
    if cached.value is None:
        letter = public_letter(slug, only=("slug", "status", "closes_at", "confirmed_count"))
        status = public_status(letter)
        document = CountOut(slug=letter.slug, count=letter.public_count, status=status)
        cached.value = (f'"{letter.public_count}-{status}"', document.model_dump_json())
        cached.store(cached.value, pagecache.valid_until(letter))
    etag, body = cached.value
    matches = parse_etags(request.headers.get("If-None-Match", ""))
    if "*" in matches or etag in [tag.removeprefix("W/") for tag in matches]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = COUNT_CACHE_CONTROL
    return response


@router.post(
    "/letters/{slug:slug}/signatures",
    response={
        202: AcceptedOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
        428: ErrorOut,
        429: ErrorOut,
    },
    summary="Sign a letter",
)
def sign(request: HttpRequest, slug: str, payload: SignIn) -> Status[dict[str, str]]:
    """The sign form's fields and rules. The answer is the same whether or not the email
    has signed before; the signer confirms with the link in the email we send."""
    if (letter := pagecache.public_letter(slug)) is None:
        raise ApiError(404, "not_found", _(NO_LETTER))
    if not letter.is_open():
        raise ApiError(403, "letter_closed", _(LETTER_CLOSED))
    form = SignForm(letter, form_data(letter, payload))
    if not form.is_valid():
        fields = {
            name: [e["message"] for e in errors]
            for name, errors in form.errors.get_json_data().items()
        }
        raise ApiError(422, "invalid", _("Some values are missing or not valid."), fields)
    friction = challenge.attempt(letter, client_ip(request.META))
    if friction == challenge.Friction.REFUSED:
        retry = {"Retry-After": str(settings.SIGN_LIMIT_WINDOW)}
        raise ApiError(429, "rate_limited", challenge.REFUSED, headers=retry)
    if friction == challenge.Friction.CHALLENGE and not challenge.verify(payload.altcha):
        raise ApiError(428, "challenge_required", challenge.API_REQUIRED)
    data = form.cleaned_data
    # The membership fields exist on the form only where the letter offers them.
    membership = {k: data[k] for k in ("membership_number", "postcode") if k in data}
    try:
        services.sign(
            letter,
            name=data["name"],
            email=data["email"],
            role=data.get("role", ""),
            branch=data.get("branch"),
            display=data["display"],
            ip=client_ip(request.META),
            **membership,
        )
    except services.LetterClosed:
        raise ApiError(403, "letter_closed", _(LETTER_CLOSED)) from None
    except NOT_ELIGIBLE as refusal:
        raise ApiError(403, "not_eligible", str(refusal)) from None
    return Status(202, {"status": "pending"})


@router.get("/challenge", response={200: dict[str, Any]}, summary="A proof-of-work challenge")
def new_challenge(request: HttpRequest) -> dict[str, Any]:
    """An ALTCHA challenge (PBKDF2/SHA-256), needed to sign when `sign` answered 428
    `challenge_required`. Solve it and send the base64 answer as `altcha`; each solved
    challenge is accepted once, within ten minutes."""
    return challenge.create()


def form_data(letter: Letter, payload: SignIn) -> dict[str, str]:
    """The JSON body as the sign form would receive it, so that the form's rules apply."""
    data = {
        "membership_number": payload.membership_number,
        "postcode": payload.postcode,
        "name": payload.name,
        "email": payload.email,
        "role": payload.role,
        "display": payload.display,
        "consent": "on" if payload.consent else "",
    }
    if payload.branch:
        # An unknown or malformed code becomes a value the form refuses with its own message.
        data["branch"] = "unknown"
        try:
            code_validator(payload.branch)  # before any query: no NUL may reach PostgreSQL
        except ValidationError:
            return data
        if branch := letter.organisation.branches.filter(code=payload.branch).first():
            data["branch"] = str(branch.pk)
    return data
