"""C2SP tlog-cosignature (Ed25519 `cosignature/v1`) and tlog-witness, as the site uses
them: the configured witnesses, submitting a checkpoint, and reading a cosignature line.
The format and the protocol are the verifier package's (undersigned_verify.notes and
.witnesses, tested against the published vectors); this module is the one place the site
touches them.

    key ID    = SHA-256(<name> || "\\n" || 0x04 || 32-byte public key)[:4]
    message   = "cosignature/v1\\n" + "time <POSIX seconds>\\n" + the checkpoint's note text
    signature = 8-byte big-endian timestamp || 64-byte Ed25519 signature
    line      = "— <name> " + base64(key ID || signature)

No Django model is imported: settings.py parses LEDGER_WITNESSES with parse_witnesses()."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from undersigned_verify import notes, witnesses
from undersigned_verify.witnesses import Conflict, Witness, WitnessError

__all__ = [
    "Conflict",
    "Cosigned",
    "Witness",
    "WitnessError",
    "add_checkpoint",
    "cosigned_by",
    "parse_witnesses",
    "served_note",
]

DASH = notes.DASH


class CosignatureError(ValueError):
    """A cosignature line that is malformed or does not verify."""


def parse_witnesses(value: str, setting: str = "LEDGER_WITNESSES") -> list[Witness]:
    """The verifier package's witness list: one witness per line, its cosignature/v1
    verifier key, a space and its submission URL (blank lines and # comments ignored)."""
    try:
        found = witnesses.parse_list(value)
    except ValueError as problem:
        raise ImproperlyConfigured(f"{setting}: {problem}") from None
    if len({witness.name for witness in found}) != len(found):
        raise ImproperlyConfigured(f"{setting}: two witnesses have the same name")
    return found


def add_checkpoint(
    witness: Witness, note: str, old_size: int, proof: list[bytes], timeout: float
) -> list[str]:
    """tlog-witness add-checkpoint: the witness's cosignature lines (checked, without
    newlines). Conflict (409) carries the witness's size; WitnessError otherwise, with
    status 0 when the witness could not be reached."""
    answer = witnesses.add_checkpoint(witness, note, old_size, proof, timeout=timeout)
    return answer.splitlines()


def timestamp(witness: Witness, text: str, line: str) -> int:
    """The time in `witness`'s cosignature `line` on the checkpoint text `text`, once the
    line is checked; CosignatureError if it is not the witness's or does not verify."""
    try:
        verified = notes.cosignatures(f"{text}\n{line}\n", [witness.key])
    except notes.NoteError as error:
        raise CosignatureError(str(error)) from None
    if witness.key not in verified:
        raise CosignatureError(f"not a cosignature by {witness.name}")
    return verified[witness.key]


def key_id(witness: Witness) -> str:
    return witness.key.id.hex()


def as_json(witness: Witness) -> dict[str, str]:
    return {"name": witness.name, "vkey": witness.key.vkey, "url": witness.url}


def served_note(checkpoint: Any) -> str:
    """The checkpoint as served: the log's signed note, then the witnesses' cosignature lines
    (a signed note may carry several signatures; readers ignore those they do not know)."""
    lines = checkpoint.cosignatures.order_by("witness", "key_id").values_list("line", flat=True)
    return str(checkpoint.note) + "".join(f"{line}\n" for line in lines)


@dataclass(frozen=True)
class Cosigned:
    witness: str
    time: datetime


def cosigned_by(note: str, configured: list[Witness]) -> list[Cosigned]:
    """Which of the configured witnesses cosigned this note, and when (lines that do not
    verify count for nothing)."""
    try:
        verified = notes.cosignatures(note, [witness.key for witness in configured])
    except notes.NoteError:
        return []
    return sorted(
        (Cosigned(key.name, datetime.fromtimestamp(stamp, UTC)) for key, stamp in verified.items()),
        key=lambda found: found.witness,
    )
