"""C2SP signed notes (golang.org/x/mod/sumdb/note) with Ed25519 keys, C2SP tlog-checkpoint
texts, and C2SP tlog-cosignature `cosignature/v1` (timestamped Ed25519) cosignatures.

A verifier key (vkey) is `<name>+<hex key ID>+<base64(type || public key)>`, the key ID
being the first 4 bytes of SHA-256(name || "\\n" || type || public key). Type 0x01 is a
note signature; type 0x04 a cosignature/v1, whose signature is over
`cosignature/v1\\ntime <t>\\n` followed by the checkpoint text, and whose signature line
carries key ID || big-endian u64 timestamp || Ed25519 signature."""

import base64
import binascii
import hashlib
import time
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
DASH = "\u2014"
EMPTY_ROOT = hashlib.sha256(b"").digest()
MAX_SIGNATURES = 100  # as golang.org/x/mod/sumdb/note


class NoteError(Exception):
    """A note, key or checkpoint that is malformed or whose signature does not verify."""


def key_id(name: str, kind: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


def valid_name(name: str) -> bool:
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def raw_public(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def cosignature_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode()


@dataclass(frozen=True)
class Verifier:
    """A note verifier key: type 0x01 verifies note signatures, 0x04 cosignatures."""

    name: str
    public: bytes
    kind: int = ED25519

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.kind, self.public)

    @property
    def vkey(self) -> str:
        encoded = base64.b64encode(bytes([self.kind]) + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    def renamed(self, name: str) -> "Verifier":
        return Verifier(name, self.public, self.kind)

    @classmethod
    def parse(cls, vkey: str, kinds: tuple[int, ...] = (ED25519,)) -> "Verifier":
        try:
            name, hex_id, encoded = vkey.strip().split("+", 2)
            raw = base64.b64decode(encoded, validate=True)
            found = cls(name, raw[1:], raw[0])
            valid = (
                raw[0] in kinds
                and len(raw) == 33
                and len(hex_id) == 8
                and found.id.hex() == hex_id.lower()
                and valid_name(name)
            )
        except (ValueError, IndexError, binascii.Error):
            valid = False
        if not valid:
            what = "cosignature" if kinds == (COSIGNATURE_V1,) else "Ed25519"
            raise NoteError(f"not an {what} verifier key")
        return found

    def _matches(self, name: str, raw: bytes) -> bool:
        return name == self.name and raw[:4] == self.id

    def check(self, text: str, raw: bytes) -> int:
        """Verify one signature (key ID already matched): 0 for a note signature, the
        timestamp for a cosignature. NoteError if it does not verify."""
        public = Ed25519PublicKey.from_public_bytes(self.public)
        try:
            if self.kind == COSIGNATURE_V1:
                if len(raw) != 4 + 8 + 64:
                    raise NoteError("bad signature: malformed cosignature")
                timestamp = int.from_bytes(raw[4:12], "big")
                if timestamp >= 1 << 63:
                    raise NoteError("bad signature: cosignature timestamp out of range")
                public.verify(raw[12:], cosignature_message(text, timestamp))
                return timestamp
            if len(raw) != 4 + 64:
                raise NoteError("bad signature: malformed signature")
            public.verify(raw[4:], text.encode())
            return 0
        except InvalidSignature:
            raise NoteError("bad signature") from None

    def open(self, note: str) -> str:
        """The text of a signed note if this key signed it; NoteError otherwise."""
        return open_note(note, [self]).text


@dataclass
class Opened:
    text: str
    # verifier -> 0 (a note signature) or its cosignature's timestamp
    verified: dict[Verifier, int] = field(default_factory=dict)


def split_note(note: str) -> tuple[str, list[tuple[str, bytes]]]:
    """A signed note's text and its signature lines as (key name, decoded bytes)."""
    text, separator, block = note.rpartition("\n\n")
    if not separator or not block.endswith("\n") or not text:
        raise NoteError("malformed note")
    text += "\n"
    if any(ord(c) < 0x20 and c != "\n" for c in text):
        raise NoteError("malformed note")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError("malformed note: too many signatures")
    found = []
    for line in lines:
        dash, _, rest = line.partition(" ")
        name, _, encoded = rest.partition(" ")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise NoteError("malformed note") from None
        if dash != DASH or not valid_name(name) or len(raw) < 5:
            raise NoteError("malformed note")
        found.append((name, raw))
    return text, found


def open_note(note: str, verifiers: list[Verifier], *, require: bool = True) -> Opened:
    """Checks every signature line that matches a known key (name and key ID), ignoring
    unknown ones, as golang.org/x/mod/sumdb/note does: a matching line that does not verify
    is an error. With `require`, at least one known key must have signed."""
    text, lines = split_note(note)
    opened = Opened(text)
    for name, raw in lines:
        for verifier in verifiers:
            if verifier._matches(name, raw) and verifier not in opened.verified:
                opened.verified[verifier] = verifier.check(text, raw)
    if require and not opened.verified:
        raise NoteError("bad signature: no signature by this key")
    return opened


@dataclass(frozen=True)
class Signer:
    """A note signer (Ed25519, type 0x01)."""

    name: str
    private: Ed25519PrivateKey

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, raw_public(self.private))

    def sign(self, text: str) -> str:
        if not text.endswith("\n") or "\n\n" in text:
            raise ValueError("a note's text is non-empty lines, each ending in a newline")
        signature = self.private.sign(text.encode())
        line = base64.b64encode(self.verifier.id + signature).decode()
        return f"{text}\n{DASH} {self.name} {line}\n"


@dataclass(frozen=True)
class Cosigner:
    """A witness's cosigner (cosignature/v1). Its key is an ordinary note private key; the
    key ID is computed with type 0x04, so the same key never signs notes and cosignatures
    under one ID."""

    name: str
    private: Ed25519PrivateKey

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, raw_public(self.private), COSIGNATURE_V1)

    def cosign(self, text: str, timestamp: int | None = None) -> str:
        """The cosignature line (with its newline) over a checkpoint's text."""
        when = int(time.time()) if timestamp is None else timestamp
        signature = self.private.sign(cosignature_message(text, when))
        raw = self.verifier.id + when.to_bytes(8, "big") + signature
        return f"{DASH} {self.name} {base64.b64encode(raw).decode()}\n"


# Private keys in the golang.org/x/mod/sumdb/note form:
# PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>.


def parse_private(value: str) -> tuple[str, Ed25519PrivateKey]:
    """(name, key) from a note private key; NoteError if malformed or its ID is wrong."""
    try:
        private, key, name, hex_id, encoded = value.strip().split("+", 4)
        raw = base64.b64decode(encoded, validate=True)
        if private != "PRIVATE" or key != "KEY" or raw[:1] != b"\x01" or len(raw) != 33:
            raise ValueError
        secret = Ed25519PrivateKey.from_private_bytes(raw[1:])
        valid = valid_name(name) and key_id(name, ED25519, raw_public(secret)).hex() == hex_id
    except (ValueError, binascii.Error):
        valid = False
    if not valid:
        raise NoteError("not an Ed25519 note private key (PRIVATE+KEY+<name>+<id>+<base64>)")
    return name, secret


def format_private(name: str, private: Ed25519PrivateKey) -> str:
    if not valid_name(name):
        raise NoteError("a key name has no spaces and no '+'")
    seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    encoded = base64.b64encode(b"\x01" + seed).decode()
    return f"PRIVATE+KEY+{name}+{key_id(name, ED25519, raw_public(private)).hex()}+{encoded}"


# Checkpoints (C2SP tlog-checkpoint).


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        lines = [self.origin, str(self.size), base64.b64encode(self.root).decode()]
        return "\n".join([*lines, *self.extensions]) + "\n"

    @classmethod
    def parse(cls, text: str) -> "Checkpoint":
        lines = text.split("\n")
        try:
            size = int(lines[1])
            root = base64.b64decode(lines[2], validate=True)
            if not lines[0] or size < 0 or lines[1] != str(size) or len(root) != 32:
                raise ValueError
            if lines[-1] != "" or "" in lines[3:-1]:
                raise ValueError
        except (IndexError, ValueError, binascii.Error):
            raise NoteError("malformed checkpoint") from None
        return cls(lines[0], size, root, tuple(lines[3:-1]))


def checkpoint_text(note: str) -> str:
    """The text of a signed note, before any signature is checked."""
    return split_note(note)[0]


def open_checkpoint(note: str, key: Verifier) -> Checkpoint:
    """A checkpoint signed by `key`, under either of the names the log may use for it: the
    key's own name (the site's host, as every checkpoint signed so far) or the checkpoint's
    origin line (as tlog-checkpoint recommends)."""
    checkpoint = Checkpoint.parse(checkpoint_text(note))
    names = [key] + ([key.renamed(checkpoint.origin)] if checkpoint.origin != key.name else [])
    open_note(note, names)
    return checkpoint


def cosignatures(note: str, witnesses: list[Verifier]) -> dict[Verifier, int]:
    """The witnesses (cosignature/v1 keys) whose cosignature on the note verifies, with
    their timestamps. A line by a listed witness that does not verify is an error."""
    return open_note(note, witnesses, require=False).verified
