"""C2SP tlog-cosignature, Ed25519 `cosignature/v1`: the witnesses' keys, and checking (or,
for tests and tools, making) a witness's cosignature line on a checkpoint. Everything the
site knows about the format is here, so it can be swapped for the standalone verifier
package's functions (undersigned_verify) in one place.

    key ID    = SHA-256(<name> || "\\n" || 0x04 || 32-byte public key)[:4]
    message   = "cosignature/v1\\n" + "time <POSIX seconds>\\n" + the checkpoint's note text
    signature = 8-byte big-endian timestamp || 64-byte Ed25519 signature
    line      = "— <name> " + base64(key ID || signature)

No Django model is imported: settings.py parses LEDGER_WITNESSES with parse_witnesses()."""

import base64
import binascii
import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.exceptions import ImproperlyConfigured

COSIGNATURE_V1 = b"\x04"
DASH = "\u2014"


class CosignatureError(ValueError):
    """A cosignature line that is malformed or does not verify."""


def key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + COSIGNATURE_V1 + public).digest()[:4]


def message(text: str, timestamp: int) -> bytes:
    """What a cosignature/v1 signs: the header, the time, then the checkpoint's text."""
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


@dataclass(frozen=True)
class Witness:
    """A witness the site submits its checkpoints to: its key name, Ed25519 public key and
    submission URL prefix (add-checkpoint is POSTed to <url>/add-checkpoint)."""

    name: str
    public: bytes
    url: str

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.public)

    @property
    def vkey(self) -> str:
        """The signed-note verifier key: <name>+<hex key ID>+<base64(0x04 || key)>."""
        encoded = base64.b64encode(COSIGNATURE_V1 + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    @classmethod
    def parse(cls, vkey: str, url: str) -> "Witness":
        """From a cosignature/v1 verifier key and a URL; ValueError says what is wrong."""
        try:
            name, hex_id, encoded = vkey.strip().split("+", 2)
            raw = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error):
            raise ValueError(f"not a verifier key: {vkey!r}") from None
        if raw[:1] != COSIGNATURE_V1 or len(raw) != 33:
            raise ValueError(f"not a cosignature/v1 (0x04) Ed25519 key: {vkey!r}")
        witness = cls(name, raw[1:], url.rstrip("/"))
        if not name or " " in name or witness.id.hex() != hex_id:
            raise ValueError(f"the key ID does not match the name and key: {vkey!r}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL: {url!r}")
        return witness

    def verify(self, text: str, line: str) -> int:
        """The timestamp of this witness's cosignature `line` on the note text `text`.
        CosignatureError if the line is not this witness's or does not verify."""
        dash, _, rest = line.rstrip("\n").partition(" ")
        name, _, encoded = rest.partition(" ")
        if dash != DASH or name != self.name:
            raise CosignatureError(f"not a signature line by {self.name}")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise CosignatureError("the cosignature is not base64") from None
        if len(raw) != 4 + 8 + 64 or raw[:4] != self.id:
            raise CosignatureError(f"not a cosignature/v1 by this key of {self.name}")
        timestamp = int.from_bytes(raw[4:12], "big")
        if timestamp >= 1 << 63:
            raise CosignatureError("the cosignature's timestamp is out of range")
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(
                raw[12:], message(text, timestamp)
            )
        except InvalidSignature:
            raise CosignatureError(f"the cosignature by {self.name} does not verify") from None
        return timestamp

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "vkey": self.vkey, "url": self.url}


def cosign(name: str, private: Ed25519PrivateKey, text: str, timestamp: int) -> str:
    """A cosignature/v1 line (without its newline), as a witness makes one."""
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    signature = private.sign(message(text, timestamp))
    raw = key_id(name, public) + timestamp.to_bytes(8, "big") + signature
    return f"{DASH} {name} {base64.b64encode(raw).decode()}"


def parse_witnesses(value: str, setting: str = "LEDGER_WITNESSES") -> list[Witness]:
    """`<vkey>@<url>` entries separated by spaces or newlines, e.g.
    `witness.example/w1+2a3b4c5d+BJ3...=@https://witness.example/w1`."""
    witnesses = []
    for entry in value.split():
        # The name may hold an "@"; base64 never does: split after the key ID.
        head = entry.split("+", 2)
        key, at, url = head[-1].partition("@")
        vkey = "+".join([*head[:-1], key])
        try:
            if not at or len(head) != 3:
                raise ValueError(f"expected <vkey>@<url>, not {entry!r}")
            witnesses.append(Witness.parse(vkey, url))
        except ValueError as problem:
            raise ImproperlyConfigured(f"{setting}: {problem}") from None
    if len({w.name for w in witnesses}) != len(witnesses):
        raise ImproperlyConfigured(f"{setting}: two witnesses have the same name")
    return witnesses
