"""The published log: count.json, the checkpoint, tiles, entry bundles and the key."""

import json

from tests.base import BaseTestCase, make_letter
from tests.ledger.helpers import logged_entries
from undersigned.ledger import merkle, notes, sequencer, tiles


class CountJsonTests(BaseTestCase):
    def test_it_gives_the_page_count_the_logged_count_and_the_tree_size(self) -> None:
        self.sign_and_confirm()
        sequencer.sequence_all()
        response = self.client.get("/l/solidarity/count.json")
        self.assertEqual(response.status_code, 200)
        data = response.json()
        vkey = data.pop("vkey")
        self.assertEqual(notes.Verifier.parse(vkey).name, "testserver/l/solidarity/log")
        self.assertEqual(notes.Verifier.parse(vkey).public, notes.signer().verifier.public)
        self.assertEqual(
            data,
            {
                "origin": "testserver/l/solidarity/log",
                "count": 1,
                "logged_count": 1,
                "tree_size": 2,
                "pending": 0,
                "checkpoint": "http://testserver/l/solidarity/log/checkpoint",
            },
        )
        self.assertIn("max-age=5", response["Cache-Control"])

    def test_it_shows_events_not_yet_logged(self) -> None:
        sequencer.sequence_all()
        self.sign_and_confirm()
        data = self.client.get("/l/solidarity/count.json").json()
        self.assertEqual((data["count"], data["logged_count"], data["pending"]), (1, 0, 1))

    def test_it_hides_draft_letters(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assertEqual(self.client.get("/l/draft/count.json").status_code, 404)
        self.assertEqual(self.client.get("/l/draft/log/checkpoint").status_code, 404)
        self.assertEqual(self.client.get("/l/draft/log/tile/0/000.p/1").status_code, 404)


class CheckpointTests(BaseTestCase):
    def test_it_serves_the_latest_signed_checkpoint_briefly_cached(self) -> None:
        sequencer.sequence_all()
        self.sign_and_confirm()
        sequencer.sequence_all()
        response = self.client.get("/l/solidarity/log/checkpoint")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertEqual(response["Cache-Control"], "public, max-age=5")
        # Signed under the log's origin (tlog-checkpoint), with the site's key.
        vkey = self.client.get("/l/solidarity/count.json").json()["vkey"]
        text = notes.Verifier.parse(vkey).open(response.content.decode())
        checkpoint = notes.Checkpoint.parse(text)
        self.assertEqual(checkpoint.size, 2)
        hashes = [merkle.hash_leaf(e) for e in logged_entries(self.letter)]
        self.assertEqual(checkpoint.root, merkle.root_of(hashes))

    def test_before_anything_is_logged_it_is_not_found(self) -> None:
        response = self.client.get("/l/solidarity/log/checkpoint")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"error": "nothing has been logged yet"})


class VkeyTests(BaseTestCase):
    def test_it_publishes_the_verifier_key_named_after_the_origin_host(self) -> None:
        response = self.client.get("/.well-known/undersigned/vkey")
        self.assertEqual(response.status_code, 200)
        vkey = response.content.decode().strip()
        self.assertTrue(vkey.startswith("testserver+"))
        self.assertEqual(notes.Verifier.parse(vkey), notes.signer().verifier)


class TileTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        for n in range(3):
            self.sign_and_confirm(email=f"s{n}@example.org")
        sequencer.sequence_all()

    def test_a_partial_hash_tile_is_the_leaf_hashes_and_immutable(self) -> None:
        response = self.client.get("/l/solidarity/log/tile/0/000.p/4")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/octet-stream")
        self.assertIn("immutable", response["Cache-Control"])
        hashes = [merkle.hash_leaf(e) for e in logged_entries(self.letter)]
        self.assertEqual(response.content, b"".join(hashes))

    def test_a_narrower_partial_tile_is_a_prefix(self) -> None:
        response = self.client.get("/l/solidarity/log/tile/0/000.p/2")
        hashes = [merkle.hash_leaf(e) for e in logged_entries(self.letter)]
        self.assertEqual(response.content, b"".join(hashes[:2]))

    def test_an_entry_bundle_is_length_prefixed_entries(self) -> None:
        full = self.client.get("/l/solidarity/log/tile/entries/000.p/4")
        self.assertEqual(tiles.split_bundle(full.content), logged_entries(self.letter))
        prefix = self.client.get("/l/solidarity/log/tile/entries/000.p/1")
        self.assertEqual(tiles.split_bundle(prefix.content), logged_entries(self.letter)[:1])

    def test_tiles_that_do_not_exist_yet_are_not_found(self) -> None:
        for path in ["tile/0/000", "tile/0/000.p/5", "tile/1/000.p/1", "tile/entries/001.p/1"]:
            response = self.client.get(f"/l/solidarity/log/{path}")
            self.assertEqual(response.status_code, 404, path)
            self.assertEqual(response.json(), {"error": "no such tile"})

    def test_malformed_paths_get_a_specific_error(self) -> None:
        response = self.client.get("/l/solidarity/log/tile/0/x000/000")
        self.assertEqual(response.status_code, 400)
        self.assertIn("canonical", json.loads(response.content)["error"])
        self.assertEqual(self.client.get("/l/solidarity/log/tile/0/1").status_code, 400)

    def test_it_refuses_writes(self) -> None:
        self.assertEqual(self.client.post("/l/solidarity/log/tile/0/000.p/4").status_code, 405)
        self.assertEqual(self.client.post("/l/solidarity/count.json").status_code, 405)

    def test_entry_bundles_are_compressed_for_clients_that_accept_gzip(self) -> None:
        import gzip

        response = self.client.get(
            "/l/solidarity/log/tile/entries/000.p/4", headers={"accept-encoding": "gzip"}
        )
        self.assertEqual(response["Content-Encoding"], "gzip")
        entries = tiles.split_bundle(gzip.decompress(response.content))
        self.assertEqual(entries, logged_entries(self.letter))
