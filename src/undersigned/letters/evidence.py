"""The evidence bundle of a press snapshot: a zip that mirrors the site's published log
resources at one checkpoint, so that `undersigned verify --bundle` (or any tlog-tiles
client pointed at the unpacked `site/` folder) can check the figures offline."""

import io
import json
import zipfile

from django.template.loader import render_to_string

from undersigned.ledger import cosignatures, notes, tiles
from undersigned.ledger.models import EntryBundle, Log, Tile
from undersigned.letters.models import Letter
from undersigned.letters.press import Snapshot, configured_witnesses


def _hash_tiles(log: Log, size: int) -> dict[str, bytes]:
    found = {}
    level = 0
    while count := size >> (tiles.HEIGHT * level):
        rows = Tile.objects.filter(log=log, level=level, index__lte=count // tiles.WIDTH)
        for index, data in rows.values_list("index", "hashes"):
            width = min(tiles.WIDTH, count - index * tiles.WIDTH)
            if width > 0:  # a full tile never changes; the rightmost one is cut to its size
                found[tiles.tile_path(level, index, width)] = bytes(data)[: width * tiles.HASH_SIZE]
        level += 1
    return found


def _entry_bundles(log: Log, size: int) -> dict[str, bytes]:
    found = {}
    rows = EntryBundle.objects.filter(log=log, index__lte=(size - 1) // tiles.WIDTH)
    for index, data in rows.values_list("index", "entries"):
        width = min(tiles.WIDTH, size - index * tiles.WIDTH)
        entries = tiles.split_bundle(bytes(data))[:width]
        packed = b"".join(len(e).to_bytes(2, "big") + e for e in entries)
        found[tiles.tile_path("entries", index, width)] = packed
    return found


def bundle(letter: Letter, log: Log, snap: Snapshot) -> bytes:
    prefix = f"site/l/{letter.slug}/"
    witnesses = [cosignatures.as_json(w) for w in configured_witnesses()]
    files: dict[str, bytes] = {
        "manifest.json": json.dumps(
            {"url": letter.public_url, "size": snap.size, "time": snap.time.isoformat()}, indent=1
        ).encode(),
        "site/.well-known/undersigned/vkey": (notes.signer().verifier.vkey + "\n").encode(),
        "site/.well-known/undersigned/witnesses": json.dumps(witnesses, indent=1).encode(),
        prefix + "count.json": json.dumps(
            {
                "origin": log.origin,
                "count": snap.count,
                "logged_count": snap.count,
                "tree_size": snap.size,
                "pending": 0,
            },
            indent=1,
        ).encode(),
        prefix + "log/checkpoint": snap.note.encode(),
    }
    for path, data in (_hash_tiles(log, snap.size) | _entry_bundles(log, snap.size)).items():
        files[prefix + "log/" + path] = data
    readme = render_to_string(
        "letters/press/evidence_readme.txt",
        {"letter": letter, "snap": snap, "prefix": prefix, "witnesses": witnesses},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
