"""The text of log entries (`undersigned/v1`, one `key value` per line), and the count
replayed from them: the sign entries whose latest event is sign or restore."""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime

HEADER = "undersigned/v1"
MEMBER = {"no": "no", "yes": "yes", "number": "number"}
KINDS = {"text", "sign", "withdraw", "remove", "restore"}
ADJUSTMENTS = {"withdraw", "remove", "restore"}


class EntryError(ValueError):
    """An entry that is not a well-formed undersigned/v1 entry."""


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(moment: datetime) -> str:
    """A time truncated to the start of its UTC day, in the same format as timestamp()."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT00:00:00Z")


def build(fields: Iterable[tuple[str, str | int]], header: str = HEADER) -> bytes:
    lines = [header]
    for key, value in fields:
        text = str(value)
        if "\n" in text or not text:
            raise EntryError(f"bad value for {key}")
        lines.append(f"{key} {text}")
    return ("\n".join(lines) + "\n").encode()


def text_entry(version: int, markdown: str, moment: datetime) -> bytes:
    digest = hashlib.sha256(markdown.encode()).hexdigest()
    return build(
        [("kind", "text"), ("version", version), ("sha256", digest), ("time", timestamp(moment))]
    )


def commit(salt_hex: str, origin: str, email: str) -> str:
    """HMAC-SHA256 keyed with the signature's salt over `<origin>\\n<normalised email>`."""
    key = bytes.fromhex(salt_hex) if salt_hex else secrets.token_bytes(32)
    return hmac.new(key, f"{origin}\n{email}".encode(), hashlib.sha256).hexdigest()


def display_record(name: str, role: str, branch: str) -> bytes:
    """The canonical public record of a shown signature, as hashed into `display`."""
    return f"name {name}\nrole {role or '-'}\nbranch {branch or '-'}\n".encode()


def display_hash(salt_hex: str, record: bytes) -> str:
    return hashlib.sha256(bytes.fromhex(salt_hex) + record).hexdigest()


def sign_entry(
    *,
    version: int,
    commitment: str,
    member: str,
    branch: str,
    display: str,
    moment: datetime,
    hidden: bool = False,
) -> bytes:
    """A `sign` entry. A hidden signer ("count me only") gets only what the count needs:
    no member status, no branch, and the day rather than the second (the same lines, in
    the same order, as any other sign entry, so every reader of entries still parses it)."""
    if hidden:
        return build(
            [
                ("kind", "sign"),
                ("version", version),
                ("commit", commitment),
                ("display", "-"),
                ("time", day(moment)),
            ]
        )
    return build(
        [
            ("kind", "sign"),
            ("version", version),
            ("commit", commitment),
            ("member", MEMBER[member]),
            ("branch", branch or "-"),
            ("display", display or "-"),
            ("time", timestamp(moment)),
        ]
    )


def adjustment_entry(
    kind: str, ref: int, moment: datetime, reason: str = "", hidden: bool = False
) -> bytes:
    """A withdraw, remove or restore entry; about a hidden signer's entry, it gives only
    the day, like that entry."""
    fields: list[tuple[str, str | int]] = [("kind", kind), ("ref", ref)]
    if kind == "remove":
        fields.append(("reason", reason or "-"))
    fields.append(("time", day(moment) if hidden else timestamp(moment)))
    return build(fields)


def parse(entry: bytes, header: str = HEADER, kinds: set[str] = KINDS) -> dict[str, str]:
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
    refused (the services never log one; only a forged log has it)."""

    def __init__(self) -> None:
        self.size = 0
        self.counted: dict[int, bool] = {}
        self.withdrawn: set[int] = set()

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
