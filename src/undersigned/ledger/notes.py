"""C2SP signed notes and checkpoints, signed with the site's Ed25519 key.

The key is LEDGER_SIGNING_KEY, either the Go `note` private key form
`PRIVATE+KEY+<name>+<hex key ID>+<base64 of 0x01 || 32-byte seed>` or the bare base64
32-byte seed, or else it is generated once into VAR_DIR/ledger_signing_key. The key name
is always the origin host (LEDGER_ORIGIN_HOST, or the host of BASE_URL)."""

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ED25519 = b"\x01"
DASH = "\u2014"


class NoteError(Exception):
    """A note, key or checkpoint that is malformed or whose signature does not verify."""


def origin_host() -> str:
    return settings.LEDGER_ORIGIN_HOST or urlsplit(settings.BASE_URL).netloc


def key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public).digest()[:4]


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    name: str
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.public)

    @property
    def vkey(self) -> str:
        """The signed-note verifier key: <name>+<hex key ID>+<base64(0x01 || key)>."""
        encoded = base64.b64encode(ED25519 + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    @classmethod
    def parse(cls, vkey: str) -> "Verifier":
        try:
            name, hex_id, encoded = vkey.strip().split("+", 2)
            raw = base64.b64decode(encoded, validate=True)
            found = cls(name, raw[1:])
            valid = raw[:1] == ED25519 and len(raw) == 33 and found.id.hex() == hex_id
        except (ValueError, binascii.Error):
            valid = False
        if not valid or not name:
            raise NoteError("not an Ed25519 verifier key")
        return found

    def open(self, note: str) -> str:
        """The text of a signed note if this key signed it; NoteError otherwise."""
        text, separator, signatures = note.rpartition("\n\n")
        if not separator or not signatures.endswith("\n"):
            raise NoteError("malformed note")
        text += "\n"
        for line in signatures.splitlines():
            dash, _, rest = line.partition(" ")
            name, _, encoded = rest.partition(" ")
            if dash != DASH or name != self.name:
                continue
            try:
                raw = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                continue
            if raw[:4] != self.id or len(raw) != 68:
                continue
            try:
                Ed25519PublicKey.from_public_bytes(self.public).verify(raw[4:], text.encode())
            except InvalidSignature:
                raise NoteError("bad signature") from None
            return text
        raise NoteError("bad signature: no signature by this key")


@dataclass(frozen=True)
class Signer:
    name: str
    private: Ed25519PrivateKey

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, _raw(self.private.public_key()))

    def sign(self, text: str) -> str:
        if not text.endswith("\n") or "\n\n" in text:
            raise ValueError("a note's text is non-empty lines, each ending in a newline")
        signature = self.private.sign(text.encode())
        line = base64.b64encode(self.verifier.id + signature).decode()
        return f"{text}\n{DASH} {self.name} {line}\n"


def parse_private(value: str) -> Ed25519PrivateKey:
    value = value.strip()
    try:
        if value.startswith("PRIVATE+KEY+"):
            raw = base64.b64decode(value.split("+", 4)[4], validate=True)
            if raw[:1] != ED25519:
                raise ValueError
            raw = raw[1:]
        else:
            raw = base64.b64decode(value, validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (ValueError, binascii.Error):
        raise ImproperlyConfigured(
            "LEDGER_SIGNING_KEY must be an Ed25519 key: PRIVATE+KEY+<name>+<id>+<base64> "
            "or the base64 of a 32-byte seed"
        ) from None


def format_private(name: str, private: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = _raw(private.public_key())
    encoded = base64.b64encode(ED25519 + seed).decode()
    return f"PRIVATE+KEY+{name}+{key_id(name, public).hex()}+{encoded}"


@cache
def _private(configured: str, var_dir: str) -> Ed25519PrivateKey:
    if configured:
        return parse_private(configured)
    path = os.path.join(var_dir, "ledger_signing_key")
    if not os.path.exists(path):
        os.makedirs(var_dir, exist_ok=True)
        # O_EXCL: two processes starting at once cannot both write a key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(format_private(origin_host(), Ed25519PrivateKey.generate()) + "\n")
    with open(path) as f:
        return parse_private(f.read())


def signer() -> Signer:
    return Signer(origin_host(), _private(settings.LEDGER_SIGNING_KEY, str(settings.VAR_DIR)))


# Checkpoints (C2SP tlog-checkpoint).


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    @property
    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    @classmethod
    def parse(cls, text: str) -> "Checkpoint":
        lines = text.split("\n")
        try:
            size = int(lines[1])
            root = base64.b64decode(lines[2], validate=True)
            if not lines[0] or size < 0 or lines[1] != str(size) or len(root) != 32:
                raise ValueError
        except (IndexError, ValueError, binascii.Error):
            raise NoteError("malformed checkpoint") from None
        return cls(lines[0], size, root)


def checkpoint_text(note: str) -> str:
    """The text of a signed note (everything before its signature lines)."""
    text, separator, _ = note.rpartition("\n\n")
    if not separator:
        raise NoteError("malformed note")
    return text + "\n"


def open_checkpoint(verifier: Verifier, note: str) -> Checkpoint:
    """The checkpoint in `note` if `verifier`'s public key signed it, under the key's own
    name (the host: logs made before names followed tlog-checkpoint) or under the
    checkpoint's origin (every log since); NoteError otherwise."""
    checkpoint = Checkpoint.parse(checkpoint_text(note))
    names = [verifier]
    if checkpoint.origin != verifier.name:
        names.append(Verifier(checkpoint.origin, verifier.public))
    failures: list[NoteError] = []
    for candidate in names:
        try:
            candidate.open(note)
            return checkpoint
        except NoteError as error:
            failures.append(error)
    # A line that names the key but does not verify says more than a missing one.
    raise next((f for f in failures if "no signature" not in str(f)), failures[0])


def log_signer(key_name: str = "") -> Signer:
    """The site's key under a log's key name: tlog-checkpoint asks that the signature line
    name the origin, so a log made since then signs under its origin; an older log (blank
    key_name) keeps the name its checkpoints always had, the host."""
    site = signer()
    return Signer(key_name, site.private) if key_name else site


def sign_checkpoint(checkpoint: Checkpoint, key_name: str = "") -> str:
    return log_signer(key_name).sign(checkpoint.text)
