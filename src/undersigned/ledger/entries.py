"""The text of log entries (`undersigned/v1`, one `key value` per line). Parsing them and
replaying them (the count: the sign entries whose latest event is sign or restore) are the
standalone verifier's own `parse` and `Replay`, so the site and every verifier read alike."""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime

from undersigned_verify.entries import HEADER, KINDS, EntryError, Replay, parse

__all__ = ["HEADER", "KINDS", "EntryError", "Replay", "parse"]

MEMBER = {"no": "no", "yes": "yes", "number": "number"}
ADJUSTMENTS = {"withdraw", "remove", "restore"}


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


def text_entry(version: int, markdown: str, moment: datetime, lang: str = "") -> bytes:
    """A version of the text; `lang` only for a translation (a language other than the
    subject's own), so the entries of single-language subjects are unchanged."""
    digest = hashlib.sha256(markdown.encode()).hexdigest()
    fields: list[tuple[str, str | int]] = [("kind", "text"), ("version", version)]
    if lang:
        fields.append(("lang", lang))
    fields += [("sha256", digest), ("time", timestamp(moment))]
    return build(fields)


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
    lang: str = "",
) -> bytes:
    """A `sign` entry. A hidden signer ("count me only") gets only what the count needs:
    no member status, no branch, and the day rather than the second (the same lines, in
    the same order, as any other sign entry, so every reader of entries still parses it).
    `lang` only when the signer was shown a translation; `version` is then its number."""
    if hidden:
        return build(
            [
                ("kind", "sign"),
                ("version", version),
                *([("lang", lang)] if lang else []),
                ("commit", commitment),
                ("display", "-"),
                ("time", day(moment)),
            ]
        )
    return build(
        [
            ("kind", "sign"),
            ("version", version),
            *([("lang", lang)] if lang else []),
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
