"""The log's entries (`undersigned/v1`, one `key value` per line) as a verifier reads them,
the commitments they carry, and the count replayed from them: the sign entries whose
latest event is sign or restore."""

import hashlib
import hmac

HEADER = "undersigned/v1"
KINDS = {"text", "sign", "withdraw", "remove", "restore"}
ADJUSTMENTS = {"withdraw", "remove", "restore"}


class EntryError(ValueError):
    """An entry that is not a well-formed undersigned/v1 entry."""


def commit(salt: bytes, origin: str, email: str) -> str:
    """HMAC-SHA256 keyed with the signature's salt over `<origin>\\n<normalised email>`."""
    return hmac.new(salt, f"{origin}\n{email}".encode(), hashlib.sha256).hexdigest()


def display_record(name: str, role: str, branch: str) -> bytes:
    """The canonical public record of a shown signature, as hashed into `display`."""
    return f"name {name}\nrole {role or '-'}\nbranch {branch or '-'}\n".encode()


def display_hash(salt_hex: str, record: bytes) -> str:
    return hashlib.sha256(bytes.fromhex(salt_hex) + record).hexdigest()


def parse(entry: bytes, header: str = HEADER, kinds: set[str] = KINDS) -> dict[str, str]:
    """The fields of one entry (`header`, then one `key value` a line), of one of `kinds`."""
    try:
        text = entry.decode()
    except UnicodeDecodeError:
        raise EntryError("entry is not UTF-8") from None
    if not text.endswith("\n"):
        raise EntryError("entry does not end with a newline")
    lines = text[:-1].split("\n")
    if lines[0] != header:
        raise EntryError(f"entry does not start with {header}")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        key, space, value = line.partition(" ")
        if not space or not key or key in fields:
            raise EntryError(f"bad line {line!r}")
        fields[key] = value
    if fields.get("kind") not in kinds:
        raise EntryError("unknown kind")
    return fields


class Replay:
    """Replays entries one by one: the count, and the state of each sign entry. Only a
    moderator's removal can be undone: a `restore` of a signature its signer withdrew is
    refused (the site never logs one; only a forged log has it)."""

    def __init__(self) -> None:
        self.size = 0
        self.counted: dict[int, bool] = {}
        self.withdrawn: set[int] = set()
        self.display: dict[int, str] = {}  # sign entry index -> its display commitment

    @property
    def count(self) -> int:
        return sum(self.counted.values())

    def add(self, entry: bytes) -> dict[str, str]:
        fields = parse(entry)
        kind = fields["kind"]
        if self.size == 0 and (kind != "text" or fields.get("version") != "1"):
            raise EntryError("the log does not start with version 1 of the letter's text")
        if kind == "sign":
            self.counted[self.size] = True
            self.display[self.size] = fields.get("display", "-")
        elif kind in ADJUSTMENTS:
            try:
                ref = int(fields["ref"])
            except (KeyError, ValueError):
                raise EntryError(f"entry {self.size} has no valid ref") from None
            if ref not in self.counted:
                raise EntryError(f"entry {self.size} refers to {ref}, which is not a sign entry")
            if kind == "restore" and ref in self.withdrawn:
                raise EntryError(
                    f"entry {self.size} restores {ref}, which its signer withdrew: "
                    "only a moderator's removal can be restored"
                )
            if kind == "withdraw":
                self.withdrawn.add(ref)
            self.counted[ref] = kind == "restore"
        self.size += 1
        return fields
