"""Read-side queries for public pages: cheap at a million signatures."""

from datetime import UTC, datetime

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from undersigned.letters.models import Letter, Signature

PAGE_SIZE = 100


def public_letter(slug: str) -> Letter:
    """The letter at this slug, 404 while it is a draft."""
    return get_object_or_404(Letter.objects.public().select_related("organisation"), slug=slug)


def open_letters() -> QuerySet[Letter]:
    return Letter.objects.filter(status=Letter.Status.OPEN).select_related("organisation")


def public_signatures(letter: Letter) -> QuerySet[Signature]:
    return (
        letter.signatures.filter(status=Signature.Status.CONFIRMED)
        .exclude(display=Signature.Display.HIDDEN)
        .select_related("branch", "region")
    )


def initial_signatories(letter: Letter) -> list[Signature]:
    # Filtered on (letter, is_initial) only, so that every database picks the small partial
    # index `signature_initial`; the few initial rows are then filtered here.
    rows = (
        letter.signatures.filter(is_initial=True)
        .select_related("branch", "region")
        .order_by("confirmed_at", "id")
    )
    return [row for row in rows if row.is_public]


def make_cursor(signature: Signature) -> str:
    assert signature.confirmed_at is not None
    return f"{signature.confirmed_at.timestamp():.6f}_{signature.pk}"


def parse_cursor(cursor: str) -> tuple[datetime, int] | None:
    try:
        stamp, pk = cursor.split("_")
        return datetime.fromtimestamp(float(stamp), tz=UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def newest_first(
    rows: QuerySet[Signature], position: tuple[datetime, int] | None, size: int
) -> tuple[list[Signature], str]:
    """One page of rows, newest confirmation first, after `position` (keyset pagination:
    the index on (letter, status, -confirmed_at, -id) makes every page as cheap as the
    first). Returns the page and the next cursor, or '' on the last page."""
    rows = rows.order_by("-confirmed_at", "-id")
    if position:
        at, pk = position
        rows = rows.filter(Q(confirmed_at__lt=at) | Q(confirmed_at=at, id__lt=pk))
    page = list(rows[: size + 1])
    next_cursor = make_cursor(page[size - 1]) if len(page) > size else ""
    return page[:size], next_cursor


def closed_letters() -> QuerySet[Letter]:
    """The archive: letters that no longer take signatures, most recently closed first."""
    return (
        Letter.objects.filter(status=Letter.Status.CLOSED)
        .select_related("organisation")
        .order_by("-closed_at", "-id")
    )


def signatories_page(
    letter: Letter,
    cursor: str = "",
    size: int = PAGE_SIZE,
    *,
    name: str = "",
    region_id: int | None = None,
    branch_id: int | None = None,
) -> tuple[list[Signature], str]:
    """The letter page's list: public signatories after the initial ones, newest first; or,
    when searching by name, region or branch, every public signatory that matches."""
    rows = public_signatures(letter)
    if name or region_id or branch_id:
        if name:
            rows = rows.filter(name__icontains=name)
        if region_id:
            rows = rows.filter(region_id=region_id)
        if branch_id:
            rows = rows.filter(branch_id=branch_id)
    else:
        rows = rows.filter(is_initial=False)
    return newest_first(rows, parse_cursor(cursor), size)


def organiser_names(letter: Letter) -> list[str]:
    """The organisers' names for the public page. A login name is often an email address,
    so an organiser who has not given a name is not shown."""
    return [name for user in letter.organisers.all() if (name := user.get_full_name())]
