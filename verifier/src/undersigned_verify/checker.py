"""Checking a letter's log from the outside, over HTTP, with nothing but the published
resources. Every failure is a Failed with a one-line reason."""

import gzip
import hmac
import json
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from undersigned_verify import entries, merkle, notes, receipts, tiles
from undersigned_verify.emails import normalise_email

type Fetch = Callable[[str], bytes]

STATE_FORMAT = "undersigned-verify-state/1"
STATE_FILE = "undersigned-verify-state.json"  # inside a --state directory
USER_AGENT = "undersigned-verify"


class Failed(Exception):
    """Verification failed; str() is the one-line reason."""


def http_fetch(url: str) -> bytes:
    """GET a resource, asking for gzip (tlog-tiles resources compress well)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise Failed(f"could not fetch {url}: not an http(s) address")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            data = bytes(response.read())
            encoding = response.headers.get("Content-Encoding", "").strip().lower()
    except urllib.error.HTTPError as error:
        raise Failed(f"could not fetch {url}: HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        raise Failed(f"could not fetch {url}: {error}") from None
    if encoding == "gzip":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            raise Failed(f"could not fetch {url}: malformed gzip") from None
    if encoding not in ("", "identity"):
        raise Failed(f"could not fetch {url}: unexpected Content-Encoding {encoding}")
    return data


@dataclass
class Cosigned:
    name: str
    vkey: str
    timestamp: int


@dataclass
class Result:
    url: str
    origin: str
    size: int
    count: int
    page_count: int
    key: str = ""
    tiles: int = 0
    previous_size: int | None = None
    receipt: str = ""
    witnesses: list[Cosigned] = field(default_factory=list)
    witnesses_given: int = 0
    names: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"ok": True, **asdict(self)}

    def lines(self) -> list[str]:
        """What `undersigned verify` prints."""
        lines = [
            f"OK: {self.origin} has {self.size} entries, signed by the log's key; "
            f"the root matches every entry.",
            f"The log replays to {self.count} signatures; the page shows {self.page_count}.",
        ]
        if self.tiles:
            lines.append(f"All {self.tiles} hash tiles served match the entries.")
        if self.witnesses_given:
            when = ", ".join(
                f"{w.name} at {time.strftime('%Y-%m-%d %H:%M:%SZ', time.gmtime(w.timestamp))}"
                for w in self.witnesses
            )
            lines.append(
                f"Cosigned by {len(self.witnesses)} of the {self.witnesses_given} "
                f"witnesses given: {when}."
            )
        if self.names is not None:
            lines.append(
                f"The {self.names} names shown on the page match their entries' display "
                f"commitments."
            )
        if self.previous_size is not None:
            lines.append(
                f"Consistent with the checkpoint remembered from before "
                f"(size {self.previous_size}): nothing logged then was changed or removed."
            )
        if self.receipt:
            lines.append(f"Receipt: the {self.receipt}.")
        return lines


def fetch_entries(fetch: Fetch, prefix: str, size: int) -> list[bytes]:
    """The first `size` entries of the log whose tiles are at `prefix` (any log: a letter's,
    a motion's), from its entry bundles."""
    found: list[bytes] = []
    for index in range(size // tiles.WIDTH + 1):
        width = min(tiles.WIDTH, size - index * tiles.WIDTH)
        if width <= 0:
            break
        data = fetch(prefix + tiles.tile_path("entries", index, width))
        try:
            bundle = tiles.split_bundle(data)
        except ValueError:
            raise Failed(f"entry bundle {index} is malformed") from None
        if len(bundle) != width:
            raise Failed(f"entry bundle {index} has {len(bundle)} entries, not {width}")
        found += bundle
    return found


class LetterLog:
    """The resources of one letter's log, fetched on demand."""

    def __init__(self, letter_url: str, fetch: Fetch = http_fetch) -> None:
        parts = urlsplit(letter_url)
        segments = [s for s in parts.path.split("/") if s]
        if parts.scheme not in ("http", "https") or len(segments) < 2 or segments[-2] != "l":
            raise Failed(f"not a letter URL (expected https://host/l/<slug>/): {letter_url}")
        self.slug = segments[-1]
        base_path = "".join(f"/{s}" for s in segments[:-2])
        self.base = urlunsplit((parts.scheme, parts.netloc.lower(), base_path, "", ""))
        self.url = f"{self.base}/l/{self.slug}/"  # the canonical spelling: the state's key
        self.prefix = f"{self.url}log/"
        self.fetch = fetch

    def vkey(self) -> str:
        return self.fetch(f"{self.base}/.well-known/undersigned/vkey").decode()

    def count_json(self) -> dict[str, int]:
        try:
            data = json.loads(self.fetch(f"{self.url}count.json"))
            return {
                key: int(data[key]) for key in ("count", "logged_count", "tree_size", "pending")
            }
        except (ValueError, KeyError, TypeError):
            raise Failed("count.json is malformed") from None

    def checkpoint(self) -> str:
        try:
            return self.fetch(self.prefix + "checkpoint").decode()
        except UnicodeDecodeError:
            raise Failed("the checkpoint is not UTF-8") from None

    def tile(self, level: int, index: int, width: int) -> bytes:
        return self.fetch(self.prefix + tiles.tile_path(level, index, width))

    def entries(self, size: int) -> list[bytes]:
        return fetch_entries(self.fetch, self.prefix, size)

    def signatories(self) -> list[dict[str, Any]]:
        """The public signatory list, every page (the site's API, newest first)."""
        found: list[dict[str, Any]] = []
        after = ""
        while True:
            query = urllib.parse.urlencode({"limit": 100, **({"after": after} if after else {})})
            url = f"{self.base}/api/v1/letters/{self.slug}/signatories?{query}"
            try:
                page = json.loads(self.fetch(url))
                items = page["items"]
                after = page.get("next") or ""
                if not isinstance(items, list) or not isinstance(after, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                raise Failed("the signatory list is malformed") from None
            found += items
            if not after:
                return found


def parse_key(vkey: str) -> notes.Verifier:
    try:
        return notes.Verifier.parse(vkey)
    except notes.NoteError as error:
        raise Failed(str(error)) from None


def parse_witness(vkey: str) -> notes.Verifier:
    try:
        return notes.Verifier.parse(vkey, kinds=(notes.COSIGNATURE_V1,))
    except notes.NoteError:
        raise Failed(f"not a witness (cosignature/v1) verifier key: {vkey.strip()}") from None


# A letter's origin is `<host>/l/<slug>`; tlog-tiles recommends the log's URL prefix without
# scheme, `<host>/l/<slug>/log`. Both name the same log, so a site may move from the first
# to the second without breaking pinned state or old receipts.
LOG_SUFFIX = "/log"


def same_log(first: str, second: str) -> bool:
    return first.removesuffix(LOG_SUFFIX) == second.removesuffix(LOG_SUFFIX)


def _open_checkpoint(key: notes.Verifier, note: str, origin_suffix: str) -> notes.Checkpoint:
    try:
        checkpoint = notes.open_checkpoint(note, key)
    except notes.NoteError as error:
        raise Failed(str(error)) from None
    if not checkpoint.origin.removesuffix(LOG_SUFFIX).endswith(origin_suffix):
        raise Failed(f"checkpoint is for another log ({checkpoint.origin})")
    return checkpoint


def verify(
    letter_url: str,
    *,
    key: str = "",
    state: Path | None = None,
    receipt: str = "",
    email: str = "",
    witnesses: list[str] | None = None,
    min_witnesses: int | None = None,
    names: bool = False,
    fetch: Fetch = http_fetch,
    retries: int = 5,
    pause: float = 1.0,
) -> Result:
    log = LetterLog(letter_url, fetch)
    witness_keys = [parse_witness(vkey) for vkey in witnesses or []]
    needed = len(witness_keys) if min_witnesses is None else min_witnesses
    if needed > len(witness_keys):
        raise Failed(f"--min-witnesses {needed} is more than the {len(witness_keys)} given")
    memory = State.load(state) if state is not None else None
    pinned = memory.logs.get(log.url) if memory else None
    verifier = _log_key(log, key, pinned, memory)
    suffix = f"/l/{log.slug}"
    shown = log.signatories() if names else []

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
    if pinned and not same_log(pinned["origin"], checkpoint.origin):
        raise Failed(
            f"origin changed: {log.url} was the log {pinned['origin']}, it now says "
            f"{checkpoint.origin} (remembered in {memory.path if memory else ''})"
        )

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

    result = Result(log.url, checkpoint.origin, checkpoint.size, replay.count, claimed["count"])
    result.key = verifier.vkey
    node, result.tiles = _checked_tiles(log, leaf_hashes)
    if witness_keys:
        result.witnesses_given = len(witness_keys)
        result.witnesses = _check_witnesses(note, witness_keys, needed)
    if names:
        result.names = _check_names(shown, replay)
    if memory is not None and pinned:
        result.previous_size = _check_state(memory, pinned, verifier, checkpoint, node, suffix)
    if receipt:
        result.receipt = _check_receipt(
            receipt, email, verifier, checkpoint, leaf_hashes, leaves, replay, suffix
        )
    if memory is not None:
        memory.logs[log.url] = {"origin": checkpoint.origin, "key": verifier.vkey, "note": note}
        memory.save()
    return result


def _log_key(
    log: LetterLog, key: str, pinned: dict[str, str] | None, memory: "State | None"
) -> notes.Verifier:
    """The log's key: the one given, else the site's; once pinned (trust on first use), a
    key that differs from the pinned one is a loud failure, never a new pin. (Only the
    public key is pinned: the key name may follow the origin, as checkpoints accept.)"""
    offered = parse_key(key or log.vkey())
    if pinned:
        trusted = parse_key(pinned["key"])
        if offered.public != trusted.public:
            where = memory.path if memory else ""
            raise Failed(
                f"key changed: {log.url} was signed by {trusted.vkey} (pinned in {where}), "
                f"now by {offered.vkey}"
            )
    return offered


def _checked_tiles(log: LetterLog, leaf_hashes: list[bytes]) -> tuple[merkle.Node, int]:
    """Fetch every hash tile of the tree and compare it with the tile the entries make:
    a tile that disagrees would hand out proofs (receipts) that do not verify. Returns
    proof nodes read from the checked tiles, and how many tiles were checked."""
    expected = tiles.all_tiles(leaf_hashes)
    for (level, index), data in expected.items():
        width = len(data) // tiles.HASH_SIZE
        if log.tile(level, index, width) != data:
            path = tiles.tile_path(level, index, width)
            raise Failed(f"tile mismatch: {path} does not match the entries")

    def read(level: int, index: int) -> bytes:
        return expected[(level, index)]

    return tiles.tile_node(read), len(expected)


def _check_witnesses(note: str, witnesses: list[notes.Verifier], needed: int) -> list[Cosigned]:
    try:
        found = notes.cosignatures(note, witnesses)
    except notes.NoteError as error:
        raise Failed(f"bad cosignature: {error}") from None
    cosigned = [Cosigned(w.name, w.vkey, found[w]) for w in witnesses if w in found]
    if len(cosigned) < needed:
        raise Failed(
            f"not enough witnesses: the checkpoint is cosigned by {len(cosigned)} of the "
            f"{len(witnesses)} witnesses given, {needed} needed"
        )
    return cosigned


def _check_names(shown: list[dict[str, Any]], replay: entries.Replay) -> int:
    """Each name and role on the public list must be the one its sign entry committed to
    (`display` = SHA-256(display salt || name, role and branch code record))."""
    by_hash = {value: index for index, value in replay.display.items() if value != "-"}
    for item in shown:
        try:
            name, role = str(item["name"]), str(item.get("role") or "")
            salt, branch = item.get("display_salt"), str(item.get("branch_code") or "")
            record = entries.display_record(name, role, branch)
            digest = entries.display_hash(str(salt), record) if salt else ""
        except (KeyError, TypeError, ValueError):
            raise Failed("the signatory list is malformed") from None
        if not salt:
            raise Failed(f"name not covered: the list gives no display salt for {name!r}")
        index = by_hash.get(digest)
        if index is None:
            raise Failed(
                f"name not covered: {name!r} (role {role!r}) matches no entry's display commitment"
            )
        if not replay.counted[index]:
            raise Failed(f"name not covered: {name!r} is shown but entry {index} is not counted")
    return len(shown)


class State:
    """What `--state` remembers, per letter URL checked: the log's origin and key (pinned
    on first use) and the last checkpoint that verified. One JSON file, written whole to
    a temporary file and renamed, so an interrupted run leaves the old state."""

    def __init__(self, path: Path, logs: dict[str, dict[str, str]]) -> None:
        self.path = path
        self.logs = logs

    @classmethod
    def load(cls, path: Path) -> "State":
        if path.is_dir():
            path = path / STATE_FILE
        if not path.exists():
            return cls(path, {})
        try:
            data = json.loads(path.read_text())
            if data.get("format") != STATE_FORMAT or not isinstance(data.get("logs"), dict):
                raise ValueError
            return cls(path, data["logs"])
        except (OSError, ValueError, AttributeError):
            raise Failed(f"the state file {path} is not one undersigned-verify wrote") from None

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"format": STATE_FORMAT, "logs": self.logs}, indent=2, sort_keys=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".state-")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(data + "\n")
            os.replace(temporary, self.path)
        except BaseException:
            os.unlink(temporary)
            raise


def _check_state(
    memory: State,
    pinned: dict[str, str],
    verifier: notes.Verifier,
    checkpoint: notes.Checkpoint,
    node: merkle.Node,
    suffix: str,
) -> int:
    old = _open_checkpoint(verifier, pinned["note"], suffix)
    reason = f"inconsistent with earlier checkpoint (size {old.size}, remembered in {memory.path})"
    if not same_log(old.origin, checkpoint.origin) or old.size > checkpoint.size:
        raise Failed(reason)
    try:
        proof = (
            merkle.consistency_proof(node, old.size, checkpoint.size)
            if 0 < old.size < checkpoint.size
            else []
        )
        merkle.verify_consistency(old.size, checkpoint.size, old.root, checkpoint.root, proof)
    except (merkle.ProofError, LookupError):
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
    if not same_log(signed.origin, checkpoint.origin) or signed.size > checkpoint.size:
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
    committed = fields.get("commit", "")
    origins = {signed.origin, signed.origin.removesuffix(LOG_SUFFIX)}
    if not any(
        hmac.compare_digest(
            entries.commit(receipt.extra, origin, normalise_email(email)), committed
        )
        for origin in origins
    ):
        raise Failed(f"receipt not included: entry {receipt.index} is not this email's signature")
    counted = replay.counted.get(receipt.index, False)
    status = "and counted" if counted else "but withdrawn or removed since"
    return f"signature at index {receipt.index} is in the log {status}"
