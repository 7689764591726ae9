"""The log, published as static-file-friendly resources: a CDN can serve all of them.
The key is the site's; the checkpoint and tiles are served for whichever log the subject's
own URLs pick (see letters/log.py), so this module knows no subject."""

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from undersigned.ledger import cosignatures, notes, tiles
from undersigned.ledger.cosignatures import served_note
from undersigned.ledger.models import Checkpoint, EntryBundle, Log, Tile

IMMUTABLE = "public, max-age=31536000, immutable"
FRESH = "public, max-age=5"


def error(message: str, status: int) -> JsonResponse:
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
def witnesses(request: HttpRequest) -> JsonResponse:
    """The witnesses this site asks to cosign its checkpoints (LEDGER_WITNESSES)."""
    listed = [cosignatures.as_json(witness) for witness in settings.LEDGER_WITNESSES]
    response = JsonResponse(listed, safe=False)
    response["Cache-Control"] = "public, max-age=300"
    return response


def checkpoint(log: Log | None) -> HttpResponse:
    """The latest checkpoint, with the witnesses' cosignature lines after the log's own
    signature (a signed note may carry several signatures; readers ignore unknown ones)."""
    latest = Checkpoint.objects.filter(log=log).order_by("-size").first() if log else None
    if latest is None:
        return error("nothing has been logged yet", 404)
    response = HttpResponse(served_note(latest), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = FRESH
    return response


def tile(logs: QuerySet[Log], path: str) -> HttpResponse:
    """The tile or entry bundle at `path` of the one log in `logs` (a query that is only
    run as a subquery, so a tile costs one query)."""
    try:
        level, index, width = tiles.parse_path(path)
    except ValueError as problem:
        return error(f"{problem}: expected tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]", 400)
    data = _bundle(logs, index, width) if level is None else _hashes(logs, level, index, width)
    if data is None:
        return error("no such tile", 404)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Cache-Control"] = IMMUTABLE
    return response


def _bundle(logs: QuerySet[Log], index: int, width: int) -> bytes | None:
    row = EntryBundle.objects.filter(log__in=logs, index=index).only("width", "entries").first()
    if row is None or row.width < width:
        return None
    data = bytes(row.entries)
    return _prefix(data, width) if width < row.width else data


def _hashes(logs: QuerySet[Log], level: int, index: int, width: int) -> bytes | None:
    data = bytes(
        Tile.objects.filter(log__in=logs, level=level, index=index)
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
