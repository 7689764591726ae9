"""The tree stored as C2SP tlog-tiles in the database, appended in batches."""

import random

from django.contrib.contenttypes.models import ContentType
from django.test import SimpleTestCase, TestCase

from tests.base import make_letter, make_org
from undersigned.ledger import merkle, tiles
from undersigned.ledger.models import EntryBundle, Log, Tile


class PathTests(SimpleTestCase):
    def test_it_encodes_indexes_in_groups_of_three_digits(self) -> None:
        self.assertEqual(tiles.encode_index(1234067), "x001/x234/067")
        self.assertEqual(tiles.encode_index(0), "000")
        self.assertEqual(tiles.encode_index(1000), "x001/000")
        self.assertEqual(tiles.tile_path(0, 1234067), "tile/0/x001/x234/067")
        self.assertEqual(tiles.tile_path("entries", 5, 17), "tile/entries/005.p/17")

    def test_it_parses_canonical_paths(self) -> None:
        self.assertEqual(tiles.parse_path("tile/0/x001/x234/067"), (0, 1234067, 256))
        self.assertEqual(tiles.parse_path("tile/2/000.p/1"), (2, 0, 1))
        self.assertEqual(tiles.parse_path("tile/entries/001.p/255"), (None, 1, 255))

    def test_it_refuses_anything_else(self) -> None:
        for bad in [
            "tile/0/x000/001",  # leading zero group
            "tile/0/1",
            "tile/00/000",
            "tile/64/000",
            "tile/0/000.p/0",
            "tile/0/000.p/256",
            "tile/0/000.p/007",
            "tile/entries/000/",
            "checkpoint",
        ]:
            with self.assertRaises(ValueError, msg=bad):
                tiles.parse_path(bad)

    def test_it_finds_the_rightmost_tiles_as_in_the_spec_example(self) -> None:
        # "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial
        # level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of
        # width 17, and one partial level 2 tile of width 1."
        self.assertEqual(tiles.tiles_for_size(70_000), [(0, 273, 112), (1, 1, 17), (2, 0, 1)])
        self.assertEqual(tiles.tiles_for_size(256), [(0, 1, 0), (1, 0, 1)])


class AppenderTests(TestCase):
    def setUp(self) -> None:
        letter = make_letter(make_org(), publish=False)
        self.log = Log.objects.create(
            subject_type=ContentType.objects.get_for_model(letter), subject_id=letter.pk, origin="t"
        )
        self.entries: list[bytes] = []

    def append(self, count: int) -> None:
        self.log.refresh_from_db()
        appender = tiles.Appender(self.log)
        for _ in range(count):
            entry = f"entry {len(self.entries)}\n".encode()
            self.entries.append(entry)
            appender.append(entry)
        appender.save()
        self.log.size, self.log.root = appender.size, appender.root()
        self.log.save()

    def stored_node(self) -> merkle.Node:
        return tiles.tile_node(tiles.db_reader(self.log))

    def test_batches_of_any_size_give_the_same_tree_as_all_at_once(self) -> None:
        rng = random.Random(5)
        while len(self.entries) < 1500:
            self.append(rng.choice([1, 2, 7, 255, 256, 300]))
            hashes = [merkle.hash_leaf(e) for e in self.entries]
            self.assertEqual(bytes(self.log.root), merkle.root_of(hashes))
        size = len(self.entries)
        self.assertEqual(merkle.tree_root(self.stored_node(), size), merkle.root_of(hashes))
        index = rng.randrange(size)
        proof = merkle.inclusion_proof(self.stored_node(), index, size)
        merkle.verify_inclusion(index, size, hashes[index], proof, bytes(self.log.root))

    def test_full_tiles_hold_256_hashes_and_the_level_above_holds_their_roots(self) -> None:
        self.append(600)
        hashes = [merkle.hash_leaf(e) for e in self.entries]
        first = bytes(Tile.objects.get(log=self.log, level=0, index=0).hashes)
        self.assertEqual(first, b"".join(hashes[:256]))
        self.assertEqual(len(Tile.objects.get(log=self.log, level=0, index=2).hashes), 88 * 32)
        above = bytes(Tile.objects.get(log=self.log, level=1, index=0).hashes)
        self.assertEqual(
            above, merkle.reduce_complete(hashes[:256]) + merkle.reduce_complete(hashes[256:512])
        )

    def test_entry_bundles_are_length_prefixed_entries(self) -> None:
        self.append(300)
        bundle = EntryBundle.objects.get(log=self.log, index=1)
        self.assertEqual(bundle.width, 44)
        self.assertEqual(tiles.split_bundle(bytes(bundle.entries)), self.entries[256:])
        self.assertEqual(bytes(bundle.entries)[:2], len(self.entries[256]).to_bytes(2, "big"))

    def test_an_entry_longer_than_65535_bytes_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            tiles.Appender(self.log).append(b"x" * 65536)

    def test_70000_entries_are_stored_as_the_spec_example_says(self) -> None:
        for _ in range(7):
            self.append(10_000)
        widths = {
            (t.level, t.index): len(t.hashes) // 32 for t in Tile.objects.filter(log=self.log)
        }
        self.assertEqual(sum(1 for (lv, _), w in widths.items() if lv == 0 and w == 256), 273)
        self.assertEqual(widths[(0, 273)], 112)
        self.assertEqual(widths[(1, 0)], 256)
        self.assertEqual(widths[(1, 1)], 17)
        self.assertEqual(widths[(2, 0)], 1)
        hashes = [merkle.hash_leaf(e) for e in self.entries]
        self.assertEqual(bytes(self.log.root), merkle.root_of(hashes))
        proof = merkle.consistency_proof(self.stored_node(), 65_537, 70_000)
        merkle.verify_consistency(
            65_537, 70_000, merkle.root_of(hashes[:65_537]), bytes(self.log.root), proof
        )
