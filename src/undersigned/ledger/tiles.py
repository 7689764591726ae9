"""C2SP tlog-tiles: a log's tree kept as tiles and entry bundles in the
database. Appending touches only the rightmost tile of each level and the rightmost entry
bundle, so one entry costs O(log n) hashing and writes, and the tree is never rebuilt."""

from undersigned.ledger import merkle
from undersigned.ledger.models import EntryBundle, Log, Tile

# Paths, widths and reading tiles are the standalone verifier's: site and verifier agree.
from undersigned_verify.tiles import (
    HASH_SIZE,
    HEIGHT,
    MAX_ENTRY,
    WIDTH,
    ReadTile,
    encode_index,
    parse_path,
    split_bundle,
    tile_node,
    tile_path,
    tiles_for_size,
)

__all__ = [
    "HASH_SIZE",
    "HEIGHT",
    "MAX_ENTRY",
    "WIDTH",
    "Appender",
    "ReadTile",
    "db_reader",
    "encode_index",
    "parse_path",
    "split_bundle",
    "tile_node",
    "tile_path",
    "tiles_for_size",
]


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
