"""Witness cosignatures on a checkpoint note (C2SP tlog-cosignature, `cosignature/v1`):
which of the given witnesses cosigned it, and when. Read-only: the witness and the code
that asks witnesses to cosign live elsewhere."""

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from undersigned.ledger.notes import DASH, NoteError

COSIGNATURE = b"\x04"


@dataclass(frozen=True)
class Witness:
    name: str
    public: bytes

    @property
    def id(self) -> bytes:
        return hashlib.sha256(self.name.encode() + b"\n" + COSIGNATURE + self.public).digest()[:4]

    @property
    def vkey(self) -> str:
        encoded = base64.b64encode(COSIGNATURE + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    @classmethod
    def parse(cls, vkey: str) -> "Witness":
        try:
            name, hex_id, encoded = vkey.strip().split("+", 2)
            raw = base64.b64decode(encoded, validate=True)
            found = cls(name, raw[1:])
            valid = raw[:1] == COSIGNATURE and len(raw) == 33 and found.id.hex() == hex_id
        except (ValueError, binascii.Error):
            valid = False
        if not valid or not name:
            raise NoteError("not an Ed25519 cosignature/v1 witness key")
        return found


def message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode()


@dataclass(frozen=True)
class Cosignature:
    witness: str
    time: datetime


def cosigned_by(note: str, witnesses: list[Witness]) -> list[Cosignature]:
    """The witnesses whose cosignature on this note verifies (others are ignored)."""
    text, separator, lines = note.rpartition("\n\n")
    if not separator:
        return []
    text += "\n"
    found = []
    for witness in witnesses:
        for line in lines.splitlines():
            dash, _, rest = line.partition(" ")
            name, _, encoded = rest.partition(" ")
            if dash != DASH or name != witness.name:
                continue
            try:
                raw = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                continue
            if len(raw) != 76 or raw[:4] != witness.id:
                continue
            timestamp = int.from_bytes(raw[4:12], "big")
            try:
                Ed25519PublicKey.from_public_bytes(witness.public).verify(
                    raw[12:], message(text, timestamp)
                )
            except InvalidSignature:
                continue
            found.append(Cosignature(witness.name, datetime.fromtimestamp(timestamp, UTC)))
            break
    return found
