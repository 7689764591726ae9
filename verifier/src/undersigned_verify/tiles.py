"""C2SP tlog-tiles as a client sees them: tile paths, where the rightmost tiles stand for a
tree size, entry bundles, all the tiles a tree of some size is made of (to check every
served tile against the entries), and proof nodes read from tiles."""

import re
from collections.abc import Callable, Sequence

from undersigned_verify import merkle

WIDTH = 256  # hashes per full tile, entries per full bundle
HASH_SIZE = 32
HEIGHT = 8  # levels of the tree inside one tile
MAX_ENTRY = 0xFFFF

_PATH = re.compile(
    r"tile/(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/)*[0-9]{3})(?:\.p/([1-9][0-9]{0,2}))?"
)

type ReadTile = Callable[[int, int], bytes]


def encode_index(n: int) -> str:
    """1234067 -> x001/x234/067"""
    digits = str(n)
    digits = "0" * (-len(digits) % 3) + digits
    groups = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    return "/".join([f"x{g}" for g in groups[:-1]] + groups[-1:])


def tile_path(level: int | str, index: int, width: int = WIDTH) -> str:
    suffix = f".p/{width}" if width < WIDTH else ""
    return f"tile/{level}/{encode_index(index)}{suffix}"


def parse_path(path: str) -> tuple[int | None, int, int]:
    """`tile/<L>/<N>[.p/<W>]` -> (level, index, width); level None for entry bundles.
    Raises ValueError for anything that is not the one canonical spelling."""
    match = _PATH.fullmatch(path)
    if not match:
        raise ValueError("not a tile path")
    kind, encoded, width_text = match.groups()
    index = int(encoded.replace("x", "").replace("/", ""))
    width = int(width_text) if width_text else WIDTH
    level = None if kind == "entries" else int(kind)
    if (level is not None and level > 63) or (width_text and width >= WIDTH):
        raise ValueError("level or width out of range")
    if encode_index(index) != encoded:
        raise ValueError("index is not in canonical form")
    return level, index, width


def tiles_for_size(size: int) -> list[tuple[int, int, int]]:
    """Where each level's rightmost tile stands for a tree of `size` leaves:
    (level, index, width), width 0 when that level has no partial tile."""
    found = []
    level = 0
    while size >> (HEIGHT * level):
        count = size >> (HEIGHT * level)
        found.append((level, count // WIDTH, count % WIDTH))
        level += 1
    return found


def tile_node(read: ReadTile) -> merkle.Node:
    """A merkle node function over hash tiles: the hash of a complete subtree at any level
    comes from 2**(level % 8) hashes of one tile at level // 8."""
    cache: dict[tuple[int, int], bytes] = {}

    def node(level: int, index: int) -> bytes:
        tile_level, depth = divmod(level, HEIGHT)
        first = index << depth
        tile_index, offset = divmod(first, WIDTH)
        key = (tile_level, tile_index)
        if key not in cache:
            cache[key] = read(tile_level, tile_index)
        data = cache[key]
        start, end = offset * HASH_SIZE, (offset + (1 << depth)) * HASH_SIZE
        if len(data) < end:
            raise LookupError(f"tile {tile_level}/{tile_index} is too short")
        return merkle.reduce_complete(
            [data[i : i + HASH_SIZE] for i in range(start, end, HASH_SIZE)]
        )

    return node


def split_bundle(data: bytes) -> list[bytes]:
    """The entries of an entry bundle; ValueError if it is malformed."""
    entries = []
    at = 0
    while at < len(data):
        if at + 2 > len(data):
            raise ValueError("truncated entry bundle")
        length = int.from_bytes(data[at : at + 2], "big")
        at += 2
        if at + length > len(data):
            raise ValueError("truncated entry bundle")
        entries.append(data[at : at + length])
        at += length
    return entries


def all_tiles(leaf_hashes: Sequence[bytes]) -> dict[tuple[int, int], bytes]:
    """Every hash tile of the tree over these leaves, (level, index) -> bytes, as a log
    following tlog-tiles must serve it: full tiles, then the partial rightmost one of each
    level (with the hashes that exist so far)."""
    found: dict[tuple[int, int], bytes] = {}
    hashes = list(leaf_hashes)
    level = 0
    while hashes:
        for index in range(0, len(hashes), WIDTH):
            found[(level, index // WIDTH)] = b"".join(hashes[index : index + WIDTH])
        hashes = [
            merkle.reduce_complete(hashes[i : i + WIDTH])
            for i in range(0, len(hashes) - WIDTH + 1, WIDTH)
        ]
        level += 1
    return found


def bundle(entries: Sequence[bytes]) -> bytes:
    """An entry bundle: each entry as a big-endian u16 length and its bytes."""
    return b"".join(len(entry).to_bytes(2, "big") + entry for entry in entries)
