"""The log, published as static-file-friendly resources: a CDN can serve all of them."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from undersigned.ledger import notes, tiles
from undersigned.ledger.models import Checkpoint, EntryBundle, Log, PendingEvent, Tile
from undersigned.letters.models import Letter

IMMUTABLE = "public, max-age=31536000, immutable"
FRESH = "public, max-age=5"


def _letter(slug: str) -> Letter:
    return get_object_or_404(Letter.objects.exclude(status=Letter.Status.DRAFT), slug=slug)


def _log(slug: str) -> Log | None:
    return Log.objects.filter(letter=_letter(slug)).first()


def _error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def vkey(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        notes.signer().verifier.vkey + "\n", content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def count(request: HttpRequest, slug: str) -> JsonResponse:
    letter = _letter(slug)
    log = Log.objects.filter(letter=letter).first()
    response = JsonResponse(
        {
            "origin": notes.origin(slug),
            "count": letter.public_count,
            "logged_count": log.logged_count if log else 0,
            "tree_size": log.size if log else 0,
            "pending": PendingEvent.objects.filter(letter=letter).count(),
            "checkpoint": request.build_absolute_uri(reverse("ledger:checkpoint", args=[slug])),
        }
    )
    response["Cache-Control"] = FRESH
    return response


@require_safe
def checkpoint(request: HttpRequest, slug: str) -> HttpResponse:
    log = _log(slug)
    latest = Checkpoint.objects.filter(log=log).order_by("-size").first() if log else None
    if latest is None:
        return _error("nothing has been logged yet", 404)
    response = HttpResponse(latest.note, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = FRESH
    return response


@require_safe
@gzip_page  # entry bundles are text and compress well; the spec asks for HTTP compression
def tile(request: HttpRequest, slug: str, path: str) -> HttpResponse:
    try:
        level, index, width = tiles.parse_path(path)
    except ValueError as error:
        return _error(f"{error}: expected tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]", 400)
    # One query per request, by slug: tiles are the hot path (a CDN usually fronts them).
    public = {"log__letter__slug": slug}
    data = _bundle(public, index, width) if level is None else _hashes(public, level, index, width)
    if data is None:
        return _error("no such tile", 404)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Cache-Control"] = IMMUTABLE
    return response


def _bundle(public: dict[str, str], index: int, width: int) -> bytes | None:
    row = (
        EntryBundle.objects.filter(index=index, **public)
        .exclude(log__letter__status=Letter.Status.DRAFT)
        .only("width", "entries")
        .first()
    )
    if row is None or row.width < width:
        return None
    data = bytes(row.entries)
    return _prefix(data, width) if width < row.width else data


def _hashes(public: dict[str, str], level: int, index: int, width: int) -> bytes | None:
    data = bytes(
        Tile.objects.filter(level=level, index=index, **public)
        .exclude(log__letter__status=Letter.Status.DRAFT)
        .values_list("hashes", flat=True)
        .first()
        or b""
    )
    if len(data) < width * tiles.HASH_SIZE:
        return None
    return data[: width * tiles.HASH_SIZE]


def _prefix(bundle: bytes, width: int) -> bytes:
    """The first `width` entries of a bundle, still in bundle form."""
    at = 0
    for _ in range(width):
        at += 2 + int.from_bytes(bundle[at : at + 2], "big")
    return bundle[:at]
