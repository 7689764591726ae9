"""Streaming exports of a letter's signatures, as CSV and JSON.

Both read the signatures through one chunked cursor (QuerySet.iterator), so memory stays
flat however many rows there are. `private=True` is for organisers and includes every
field with emails; `private=False` holds only what the public page shows."""

import csv
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User

from undersigned.accounts import audit
from undersigned.letters import queries
from undersigned.letters.models import Letter, Signature

BATCH = 2000

# Spreadsheets run a cell that starts with one of these as a formula. A program that splits
# on another separator (";" in much of Europe, tabs, "|") may start a cell in the middle of
# a value, so a formula start after any separator is neutralised too.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_AFTER_SEPARATOR = re.compile(r"([,;\t|\r\n]\s*)([=+\-@])")
# Spreadsheet programs read a CSV file as UTF-8 (not the local code page) only with a BOM.
BOM = "\ufeff"


def _escape_cell(value: str) -> str:
    value = _AFTER_SEPARATOR.sub(r"\1'\2", value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


# Read as plain values (no model instances): several times faster for a million rows.
_COLUMNS = [
    "id",
    "uid",
    "status",
    "name",
    "email",
    "role",
    "display",
    "branch__name",
    "branch__code",
    "branch_verified",
    "region__name",
    "member",
    "member_lapsed",
    "is_initial",
    "version",
    "review",
    "flags",
    "removal_reason",
    "removal_note",
    "created",
    "confirmed_at",
    "withdrawn_at",
    "removed_at",
    "log_index",
]


def _batches(letter: Letter, private: bool) -> Iterator[list[dict[str, Any]]]:
    if private:
        rows = letter.signatures.filter(erased_at__isnull=True)
    else:
        rows = queries.public_signatures(letter)
    # One query read in chunks (a server-side cursor on PostgreSQL, fetchmany on SQLite).
    # Keyset batches (id > last LIMIT n) were tried: PostgreSQL may answer each batch by
    # sorting all the remaining rows through the (letter, status, ...) index, which makes
    # a million-row export quadratic.
    batch: list[dict[str, Any]] = []
    for row in rows.order_by("id").values(*_COLUMNS).iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _public_row(s: dict[str, Any]) -> dict[str, Any]:
    branch = s["branch__name"] or ""
    return {
        "name": s["name"],
        "role": s["role"] if s["display"] == Signature.Display.FULL else "",
        "branch": branch,
        "branch_self_declared": bool(branch and not s["branch_verified"]),
        "initial_signatory": s["is_initial"],
    }


def _private_row(s: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": s["id"],
        "uid": str(s["uid"]),
        "status": s["status"],
        "name": s["name"],
        "email": s["email"],
        "role": s["role"],
        "display": s["display"],
        "branch": s["branch__name"] or "",
        "branch_code": s["branch__code"] or "",
        "branch_verified": s["branch_verified"],
        "region": s["region__name"] or "",
        "member": s["member"],
        "member_lapsed": s["member_lapsed"],
        "initial_signatory": s["is_initial"],
        "version_signed": s["version"],
        "review": s["review"],
        "flags": list(s["flags"] or []),
        "removal_reason": s["removal_reason"],
        "removal_note": s["removal_note"],
        "created": _stamp(s["created"]),
        "confirmed_at": _stamp(s["confirmed_at"]),
        "withdrawn_at": _stamp(s["withdrawn_at"]),
        "removed_at": _stamp(s["removed_at"]),
        "log_index": s["log_index"],
    }


# Each header is its row's own keys, so the two can never disagree.
PUBLIC_FIELDS = list(_public_row(dict.fromkeys(_COLUMNS)))
PRIVATE_FIELDS = list(_private_row(dict.fromkeys(_COLUMNS)))


def _row_batches(letter: Letter, *, private: bool) -> Iterator[list[dict[str, Any]]]:
    make = _private_row if private else _public_row
    for batch in _batches(letter, private):
        yield [make(row) for row in batch]


class _Line:
    """A file-like object that hands back what csv.writer wrote."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return _escape_cell(str(value))


def stream_csv(letter: Letter, *, private: bool) -> Iterator[str]:
    # Every field quoted: a value with a separator inside stays one cell.
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL)
    fields = PRIVATE_FIELDS if private else PUBLIC_FIELDS
    yield BOM + writer.writerow(fields)
    # One chunk per batch: fewer, larger writes to the client.
    for batch in _row_batches(letter, private=private):
        yield "".join(writer.writerow([_csv_cell(row[f]) for f in fields]) for row in batch)


def stream_json(letter: Letter, *, private: bool) -> Iterator[str]:
    head = {
        "letter": letter.slug,
        "title": letter.title,
        "version": letter.version,
        "count": letter.public_count,
        "removed_by_moderators": letter.removed_count,
    }
    yield json.dumps(head)[:-1] + ', "signatures": ['
    separator = "\n"
    for batch in _row_batches(letter, private=private):
        yield separator + ",\n".join(json.dumps(row, ensure_ascii=False) for row in batch)
        separator = ",\n"
    yield "\n]}\n"


FORMATS = {
    "csv": (stream_csv, "text/csv; charset=utf-8"),
    "json": (stream_json, "application/json"),
}


def audited(
    letter: Letter, actor: User, *, private: bool, fmt: str, via: str, **detail: str
) -> Iterator[str]:
    """The export every caller uses (workspace, API): each one is recorded in the audit log,
    in the request that starts it, whoever asks and however."""
    stream, _ = FORMATS[fmt]
    kind = "private" if private else "public"
    audit.record(
        letter.organisation, actor, audit.EXPORTED, letter, kind=kind, fmt=fmt, via=via, **detail
    )
    return stream(letter, private=private)
