"""Checking a letter's log from the outside, over HTTP, with nothing but the published
resources: what `undersigned verify` runs. Every failure is a Failed with a one-line
reason."""

import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.utils.translation import gettext as _

from undersigned.ledger import entries, merkle, notes, receipts, tiles
from undersigned.lib.emails import normalise_email

type Fetch = Callable[[str], bytes]


class Failed(Exception):
    """Verification failed; str() is the one-line reason."""


def http_fetch(url: str) -> bytes:
    # LetterLog only builds http(s) URLs, so urlopen never sees file: or other schemes.
    request = urllib.request.Request(url, headers={"User-Agent": "undersigned-verify"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        raise Failed(f"could not fetch {url}: HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        raise Failed(f"could not fetch {url}: {error}") from None


@dataclass
class Result:
    origin: str
    size: int
    count: int
    page_count: int
    previous_size: int | None = None
    receipt: str = ""


class LetterLog:
    """The resources of one letter's log, fetched on demand."""

    def __init__(self, letter_url: str, fetch: Fetch = http_fetch) -> None:
        parts = urlsplit(letter_url)
        segments = [s for s in parts.path.split("/") if s]
        if parts.scheme not in ("http", "https") or len(segments) < 2 or segments[-2] != "l":
            raise Failed(f"not a letter URL (expected https://host/l/<slug>/): {letter_url}")
        self.slug = segments[-1]
        self.base = urlunsplit((parts.scheme, parts.netloc, "/".join(segments[:-2]), "", ""))
        self.prefix = f"{self.base}/l/{self.slug}/log/"
        self.fetch = fetch

    def vkey(self) -> str:
        return self.fetch(f"{self.base}/.well-known/undersigned/vkey").decode()

    def count_json(self) -> dict[str, int]:
        try:
            data = json.loads(self.fetch(f"{self.base}/l/{self.slug}/count.json"))
            return {
                key: int(data[key]) for key in ("count", "logged_count", "tree_size", "pending")
            }
        except (ValueError, KeyError, TypeError):
            raise Failed("count.json is malformed") from None

    def checkpoint(self) -> str:
        return self.fetch(self.prefix + "checkpoint").decode()

    def read_tile(self, size: int) -> tiles.ReadTile:
        """Tiles as they stand in a tree of `size` leaves (partial only at the right)."""
        tops = {level: (index, width) for level, index, width in tiles.tiles_for_size(size)}

        def read(level: int, index: int) -> bytes:
            top_index, top_width = tops.get(level, (0, 0))
            width = top_width if index == top_index else tiles.WIDTH
            if index > top_index or width == 0:
                raise Failed(f"tile {level}/{index} is outside a tree of size {size}")
            return self.fetch(self.prefix + tiles.tile_path(level, index, width))

        return read

    def entries(self, size: int) -> list[bytes]:
        found: list[bytes] = []
        for index in range(size // tiles.WIDTH + 1):
            width = min(tiles.WIDTH, size - index * tiles.WIDTH)
            if width <= 0:
                break
            data = self.fetch(self.prefix + tiles.tile_path("entries", index, width))
            try:
                bundle = tiles.split_bundle(data)
            except ValueError:
                raise Failed(f"entry bundle {index} is malformed") from None
            if len(bundle) != width:
                raise Failed(f"entry bundle {index} has {len(bundle)} entries, not {width}")
            found += bundle
        return found


def _open_checkpoint(verifier: notes.Verifier, note: str, origin_suffix: str) -> notes.Checkpoint:
    try:
        checkpoint = notes.Checkpoint.parse(verifier.open(note))
    except notes.NoteError as error:
        raise Failed(str(error)) from None
    if not checkpoint.origin.endswith(origin_suffix):
        raise Failed(f"checkpoint is for another log ({checkpoint.origin})")
    return checkpoint


def verify(
    letter_url: str,
    *,
    key: str = "",
    state: Path | None = None,
    receipt: str = "",
    email: str = "",
    fetch: Fetch = http_fetch,
    retries: int = 5,
    pause: float = 1.0,
) -> Result:
    log = LetterLog(letter_url, fetch)
    try:
        verifier = notes.Verifier.parse(key or log.vkey())
    except notes.NoteError as error:
        raise Failed(str(error)) from None
    suffix = f"/l/{log.slug}"

    # The count may move between fetching count.json and the checkpoint, and the page's
    # count runs ahead of the log by up to a second: try again a few times.
    for attempt in range(retries + 1):
        claimed = log.count_json()
        note = log.checkpoint()
        checkpoint = _open_checkpoint(verifier, note, suffix)
        same_size = claimed["tree_size"] == checkpoint.size
        settled = claimed["pending"] == 0 and same_size
        if settled or attempt == retries:
            break
        time.sleep(pause)

    leaves = log.entries(checkpoint.size)
    leaf_hashes = [merkle.hash_leaf(entry) for entry in leaves]
    if merkle.root_of(leaf_hashes) != checkpoint.root:
        raise Failed("root mismatch: the entries do not hash to the signed checkpoint's root")

    replay = entries.Replay()
    try:
        for entry in leaves:
            replay.add(entry)
    except entries.EntryError as error:
        raise Failed(f"malformed log: {error}") from None
    if same_size and claimed["logged_count"] != replay.count:
        raise Failed(
            f"count mismatch: count.json says {claimed['logged_count']} logged, "
            f"the log replays to {replay.count}"
        )
    if claimed["count"] != replay.count:
        behind = f" ({claimed['pending']} events not yet logged)" if claimed["pending"] else ""
        raise Failed(
            f"count mismatch: the page says {claimed['count']}, the log replays to "
            f"{replay.count}{behind}"
        )

    result = Result(checkpoint.origin, checkpoint.size, replay.count, claimed["count"])
    node = _checked_node(log, checkpoint.size, leaf_hashes)
    if state is not None:
        result.previous_size = _check_state(state, verifier, checkpoint, node, suffix)
    if receipt:
        result.receipt = _check_receipt(
            receipt, email, verifier, checkpoint, leaf_hashes, leaves, replay, suffix
        )
    if state is not None:
        state.mkdir(parents=True, exist_ok=True)
        _state_file(state, checkpoint.origin).write_text(note)
    return result


def _checked_node(log: LetterLog, size: int, leaf_hashes: list[bytes]) -> merkle.Node:
    """Proof nodes from the published tiles, after checking that the tiles agree with the
    entries at the right edge of the tree (the nodes of the root)."""
    node = tiles.tile_node(log.read_tile(size))
    if size:
        try:
            from_tiles = merkle.tree_root(node, size)
        except LookupError:
            raise Failed("the hash tiles are incomplete") from None
        if from_tiles != merkle.root_of(leaf_hashes):
            raise Failed("root mismatch: the hash tiles do not match the entries")
    return node


def _state_file(state: Path, origin: str) -> Path:
    return state / (origin.replace("/", "_").replace(":", "_") + ".checkpoint")


def _check_state(
    state: Path,
    verifier: notes.Verifier,
    checkpoint: notes.Checkpoint,
    node: merkle.Node,
    suffix: str,
) -> int | None:
    path = _state_file(state, checkpoint.origin)
    if not path.exists():
        return None
    old = _open_checkpoint(verifier, path.read_text(), suffix)
    reason = f"inconsistent with earlier checkpoint (size {old.size}, remembered in {path})"
    if old.origin != checkpoint.origin or old.size > checkpoint.size:
        raise Failed(reason)
    try:
        proof = (
            merkle.consistency_proof(node, old.size, checkpoint.size)
            if 0 < old.size < checkpoint.size
            else []
        )
        merkle.verify_consistency(old.size, checkpoint.size, old.root, checkpoint.root, proof)
    except (merkle.ProofError, LookupError, Failed):
        raise Failed(reason) from None
    return old.size


def _check_receipt(
    text: str,
    email: str,
    verifier: notes.Verifier,
    checkpoint: notes.Checkpoint,
    leaf_hashes: list[bytes],
    leaves: list[bytes],
    replay: entries.Replay,
    suffix: str,
) -> str:
    try:
        receipt = receipts.Receipt.parse(text)
    except receipts.ReceiptError as error:
        raise Failed(str(error)) from None
    signed = _open_checkpoint(verifier, receipt.checkpoint, suffix)
    if signed.origin != checkpoint.origin or signed.size > checkpoint.size:
        raise Failed("receipt not included: its checkpoint is not one of this log's")
    if merkle.root_of(leaf_hashes[: signed.size]) != signed.root:
        raise Failed("inconsistent with earlier checkpoint (the receipt's)")
    if not 0 <= receipt.index < signed.size:
        raise Failed("receipt not included: its index is outside its checkpoint")
    leaf = leaf_hashes[receipt.index]
    try:
        merkle.verify_inclusion(receipt.index, signed.size, leaf, receipt.proof, signed.root)
    except merkle.ProofError:
        raise Failed("receipt not included: the inclusion proof does not verify") from None
    fields = entries.parse(leaves[receipt.index])
    if fields["kind"] != "sign":
        raise Failed(f"receipt not included: entry {receipt.index} is not a signature")
    if len(receipt.extra) != 32:
        raise Failed("receipt not included: the receipt carries no salt")
    expected = entries.commit(receipt.extra.hex(), signed.origin, normalise_email(email))
    if not hmac.compare_digest(expected, fields.get("commit", "")):
        raise Failed(f"receipt not included: entry {receipt.index} is not this email's signature")
    counted = replay.counted.get(receipt.index, False)
    if counted:
        return _("the signature at index %(index)s is in the log and counted") % {
            "index": receipt.index
        }
    return _("the signature at index %(index)s is in the log but withdrawn or removed since") % {
        "index": receipt.index
    }
