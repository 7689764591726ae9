"""C2SP tlog-tiles: path encoding, and a log's tree kept as tiles and entry bundles in the
database. Appending touches only the rightmost tile of each level and the rightmost entry
bundle, so one entry costs O(log n) hashing and writes, and the tree is never rebuilt."""

import re
from collections.abc import Callable

from undersigned.ledger import merkle
from undersigned.ledger.models import EntryBundle, Log, Tile

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


def db_reader(log: Log) -> ReadTile:
    def read(level: int, index: int) -> bytes:
        row = Tile.objects.filter(log=log, level=level, index=index).values_list(
            "hashes", flat=True
        )
        found = row.first()
        if found is None:
            raise LookupError(f"no tile {level}/{index}")
        return bytes(found)

    return read


class Appender:
    """Appends entries to one log in memory, then `save()` writes the rows that changed.
    Call only while holding the log's row lock."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.size = log.size
        self.tiles: dict[int, bytearray] = {}
        self.stored: set[tuple[int, int]] = set()  # tile rows that exist in the database
        self.full: dict[tuple[int, int], bytes] = {}
        for level, index, width in tiles_for_size(self.size):
            self.tiles[level] = bytearray()
            if width:
                data = bytes(Tile.objects.get(log=log, level=level, index=index).hashes)
                self.tiles[level] = bytearray(data[: width * HASH_SIZE])
                self.stored.add((level, index))
        self.bundle_index = self.size // WIDTH
        self.bundle = bytearray()
        self.bundle_width = self.size % WIDTH
        self.bundle_stored: int | None = None  # index of the partial bundle row, if any
        self.full_bundles: dict[int, bytes] = {}
        if self.bundle_width:
            row = EntryBundle.objects.get(log=log, index=self.bundle_index)
            self.bundle = bytearray(row.entries)
            self.bundle_stored = self.bundle_index
        self.touched: set[int] = set()

    def append(self, entry: bytes) -> int:
        """Append one entry; returns its index."""
        if len(entry) > MAX_ENTRY:
            raise ValueError("entry longer than 65535 bytes")
        index = self.size
        self.bundle += len(entry).to_bytes(2, "big") + entry
        self.bundle_width += 1
        if self.bundle_width == WIDTH:
            self.full_bundles[self.bundle_index] = bytes(self.bundle)
            self.bundle, self.bundle_width = bytearray(), 0
            self.bundle_index += 1
        self.size += 1
        self._add(0, merkle.hash_leaf(entry))
        return index

    def _add(self, level: int, node: bytes) -> None:
        tile = self.tiles.setdefault(level, bytearray())
        tile += node
        self.touched.add(level)
        if len(tile) == WIDTH * HASH_SIZE:
            index = ((self.size >> (HEIGHT * level)) - 1) // WIDTH
            data = bytes(tile)
            self.full[(level, index)] = data
            tile.clear()
            hashes = [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]
            self._add(level + 1, merkle.reduce_complete(hashes))

    def root(self) -> bytes:
        def read(level: int, index: int) -> bytes:
            return bytes(self.tiles[level])

        return merkle.tree_root(_partial_node(self.size, read), self.size)

    def save(self) -> None:
        rows: dict[tuple[int, int], bytes] = dict(self.full)
        for level, index, width in tiles_for_size(self.size):
            if width and level in self.touched:
                rows[(level, index)] = bytes(self.tiles[level])
        new = []
        for (level, index), data in rows.items():
            if (level, index) in self.stored:
                Tile.objects.filter(log=self.log, level=level, index=index).update(hashes=data)
            else:
                new.append(Tile(log=self.log, level=level, index=index, hashes=data))
        Tile.objects.bulk_create(new, batch_size=200)
        self.stored |= rows.keys()
        self.full.clear()
        self.touched.clear()

        bundles = {index: (data, WIDTH) for index, data in self.full_bundles.items()}
        if self.bundle_width:
            bundles[self.bundle_index] = (bytes(self.bundle), self.bundle_width)
        new_bundles = []
        for index, (data, width) in bundles.items():
            if index == self.bundle_stored:
                EntryBundle.objects.filter(log=self.log, index=index).update(
                    entries=data, width=width
                )
            else:
                new_bundles.append(
                    EntryBundle(log=self.log, index=index, entries=data, width=width)
                )
        EntryBundle.objects.bulk_create(new_bundles, batch_size=200)
        self.full_bundles.clear()
        self.bundle_stored = self.bundle_index if self.bundle_width else None


def _partial_node(size: int, read: ReadTile) -> merkle.Node:
    """Nodes of the rightmost tiles only: enough for the root (every complete subtree of
    the size's decomposition lies in its level's rightmost tile)."""
    tops = {level: index for level, index, _ in tiles_for_size(size)}

    def read_partial(level: int, index: int) -> bytes:
        if tops.get(level) != index:
            raise LookupError("not a rightmost tile")
        return read(level, index)

    return tile_node(read_partial)
