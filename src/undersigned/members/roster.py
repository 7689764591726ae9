"""Roster import: one CSV file replaces an organisation's roster, all or nothing.

The file is streamed, never held whole: each row is checked and turned into digests at once,
and written in batches inside one transaction. Any problem stops the writing and rolls the
whole transaction back, but reading goes on so the organiser sees every problem in one go.
Memory stays bounded by what must be remembered across rows: the digests already seen (for
duplicates) and the existing entries (id and a fingerprint of their state)."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils.translation import gettext as _

from undersigned.accounts.models import AuditEntry, Branch, Organisation
from undersigned.members import digests, signals
from undersigned.members.csvfile import Problems, Table
from undersigned.members.models import RosterEntry

REQUIRED = ("membership_number", "email", "branch")
OPTIONAL = ("postcode", "status", "name")
STATUSES = {"": "active", "active": "active", "lapsed": "lapsed"}  # plain str: hashed below
BATCH = 2000
_MASK = (1 << 64) - 1
_COLUMNS = [
    "number_digest",
    "email_digest",
    "key_id",
    "branch_id",
    "postcode_outward",
    "postcode_digest",
    "status",
]
_TABLE = RosterEntry._meta.db_table
# Table and column names are the constants above, never input: the values are parameters.
_PLACEHOLDERS = ", ".join(["%s"] * (len(_COLUMNS) + 1))
_INSERT = f"INSERT INTO {_TABLE} (organisation_id, {', '.join(_COLUMNS)}) VALUES ({_PLACEHOLDERS})"  # noqa: S608, E501
_COPY = f"COPY {_TABLE} (organisation_id, {', '.join(_COLUMNS)}) FROM STDIN"
_UPDATE = f"UPDATE {_TABLE} SET {', '.join(c + ' = %s' for c in _COLUMNS)} WHERE id = %s"  # noqa: S608


@dataclass
class SyncResult:
    rows: int = 0
    added: int = 0
    updated: int = 0
    lapsed: int = 0
    unchanged: int = 0
    dry_run: bool = False
    problems: Problems = field(default_factory=Problems)
    # Held back, nothing written: the file would lapse more members than the caller allowed.
    held: bool = False
    active_before: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        text = _(
            "%(rows)s members in the file: %(added)s added, %(updated)s updated, "
            "%(lapsed)s marked lapsed, %(unchanged)s unchanged."
        ) % {
            "rows": self.rows,
            "added": self.added,
            "updated": self.updated,
            "lapsed": self.lapsed,
            "unchanged": self.unchanged,
        }
        return text + (" " + _("Dry run: nothing was changed.") if self.dry_run else "")


# A file that would lapse more than this share of the active roster (and more than a
# handful of members) is held back until the owner confirms: a partial export is a likely
# mistake, and lapsing is visible on every member's signature.
LAPSE_CONFIRM_SHARE = 0.1
LAPSE_CONFIRM_MINIMUM = 10


def lapse_limit(active: int) -> int:
    """How many of `active` members an upload may lapse without the owner confirming it."""
    return max(LAPSE_CONFIRM_MINIMUM, int(active * LAPSE_CONFIRM_SHARE))


# Everything this accepts, Django's EmailValidator accepts too; it is only a fast path for
# the common case (the validator costs more than the rest of a row put together).
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}"
)


def is_email(value: str) -> bool:
    if len(value) <= 254 and _PLAIN_EMAIL.fullmatch(value):
        return True
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


class BranchLookup:
    """A branch by its code or, failing that, its name (both without regard to case)."""

    AMBIGUOUS = -1

    def __init__(self, organisation: Organisation) -> None:
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        for pk, code, name in Branch.objects.filter(organisation=organisation).values_list(
            "pk", "code", "name"
        ):
            self.by_code[code.lower()] = pk
            key = name.strip().lower()
            self.by_name[key] = self.AMBIGUOUS if key in self.by_name else pk

    def find(self, value: str) -> tuple[int | None, str]:
        key = value.strip().lower()
        if (pk := self.by_code.get(key)) is not None:
            return pk, ""
        pk = self.by_name.get(key)
        if pk == self.AMBIGUOUS:
            return None, _("More than one branch is called “%(value)s”: use the branch code.") % {
                "value": value
            }
        if pk is None:
            return None, _("There is no branch with the code or name “%(value)s”.") % {
                "value": value
            }
        return pk, ""


class _Rollback(Exception):
    pass


class _Sync:
    def __init__(self, organisation: Organisation, result: SyncResult) -> None:
        self.organisation = organisation
        self.result = result
        self.problems = result.problems
        self.branches = BranchLookup(organisation)
        self.keys = digests.keys(organisation.pk)
        self.key = self.keys[0]
        # number digest -> (id << 65) | (fingerprint << 1) | active: one int per entry.
        self.existing: dict[bytes, int] = {}
        self.seen_numbers: dict[bytes, int] = {}
        self.seen_emails: dict[bytes, int] = {}
        self.to_create: list[tuple[Any, ...]] = []
        self.to_update: list[tuple[Any, ...]] = []

    @property
    def writing(self) -> bool:
        return not self.result.dry_run and not self.problems

    def load_existing(self) -> None:
        rows = RosterEntry.objects.filter(organisation=self.organisation).values_list(
            "pk",
            "number_digest",
            "email_digest",
            "branch_id",
            "postcode_outward",
            "postcode_digest",
            "status",
            "key_id",
        )
        for pk, number, email, branch_id, outward, postcode, status, key_id in rows.iterator(10000):
            fingerprint = hash((email, branch_id, outward, postcode, status, key_id)) & _MASK
            active = int(status == RosterEntry.Status.ACTIVE)
            self.existing[bytes.fromhex(number)] = (pk << 65) | (fingerprint << 1) | active
            self.result.active_before += active

    def row(self, line: int, values: list[str], columns: dict[str, int]) -> None:
        def value(name: str) -> str:
            return values[columns[name]].strip() if name in columns else ""

        problems_before = self.problems.total
        number, email = value("membership_number"), value("email")
        for name, given in (("membership_number", number), ("email", email)):
            if not given:
                self.problems.add(line, name, _("This value is required."))
        if email and not is_email(email):
            self.problems.add(
                line, "email", _("“%(email)s” is not a valid email address.") % {"email": email}
            )
        branch_id, message = None, _("This value is required.")
        if value("branch"):
            branch_id, message = self.branches.find(value("branch"))
        if branch_id is None:
            self.problems.add(line, "branch", message)
        status = STATUSES.get(value("status").lower())
        if status is None:
            self.problems.add(line, "status", _("Use “active”, “lapsed” or leave it empty."))
        number_digest = self.key.number_bytes(number) if number else b""
        email_digest = self.key.email_bytes(email) if email else b""
        if number and (first := self.seen_numbers.setdefault(number_digest, line)) != line:
            self.problems.add(
                line,
                "membership_number",
                _("The same number is on line %(line)s.") % {"line": first},
            )
        if email and (first := self.seen_emails.setdefault(email_digest, line)) != line:
            self.problems.add(
                line, "email", _("The same email address is on line %(line)s.") % {"line": first}
            )
        if self.problems.total > problems_before:
            return
        assert branch_id is not None and status is not None
        self.result.rows += 1
        self._apply(number, number_digest, email_digest.hex(), branch_id, value("postcode"), status)

    def _apply(
        self,
        number: str,
        number_digest: bytes,
        email: str,
        branch_id: int,
        postcode: str,
        status: str,
    ) -> None:
        packed = self.existing.pop(number_digest, None)
        for older in self.keys[1:]:
            if packed is None:
                packed = self.existing.pop(older.number_bytes(number), None)
        outward = digests.postcode_outward(postcode)
        full = self.key.postcode(postcode)
        values = (number_digest.hex(), email, self.key.id, branch_id, outward, full, status)
        if packed is None:
            self.result.added += 1
            self._queue(self.to_create, (self.organisation.pk, *values))
            return
        fingerprint = hash((email, branch_id, outward, full, status, self.key.id)) & _MASK
        if (packed >> 1) & _MASK == fingerprint:
            self.result.unchanged += 1
            return
        if packed & 1 and status == RosterEntry.Status.LAPSED:
            self.result.lapsed += 1
        else:
            self.result.updated += 1
        self._queue(self.to_update, (*values, packed >> 65))

    def _queue(self, batch: list[tuple[Any, ...]], values: tuple[Any, ...]) -> None:
        if self.writing:
            batch.append(values)
            if len(batch) >= BATCH:
                self.flush()

    def flush(self) -> None:
        # Plain parameterised statements through executemany: building a model instance per
        # row (bulk_create) or a CASE per field (bulk_update) costs more than the database.
        if self.writing and (self.to_create or self.to_update):
            with connection.cursor() as cursor:
                if self.to_create and connection.vendor == "postgresql":
                    # COPY costs the server a fraction of one INSERT per row.
                    with cursor.cursor.copy(_COPY) as copy:
                        for values in self.to_create:
                            copy.write_row(values)
                elif self.to_create:
                    cursor.executemany(_INSERT, self.to_create)
                if self.to_update:
                    cursor.executemany(_UPDATE, self.to_update)
        self.to_create.clear()
        self.to_update.clear()

    def lapse_missing(self) -> None:
        """Members not in the file are marked lapsed (never deleted: signatures keep them)."""
        missing = [packed >> 65 for packed in self.existing.values() if packed & 1]
        self.result.lapsed += len(missing)
        if self.writing:
            for start in range(0, len(missing), 5000):
                RosterEntry.objects.filter(pk__in=missing[start : start + 5000]).update(
                    status=RosterEntry.Status.LAPSED
                )


@contextmanager
def _sqlite_cache() -> Iterator[None]:
    """SQLite's default page cache (2 MB) cannot hold the indexes of random digests of a
    large roster, and inserting then costs twice the CPU: give it 32 MB while importing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -32768")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def import_roster(
    organisation: Organisation,
    binary: IO[bytes],
    *,
    dry_run: bool = False,
    actor: User | None = None,
    source: str = "",
    hold_mass_lapse: bool = False,
) -> SyncResult:
    """Sync the organisation's roster with the CSV file: new members added, changed ones
    updated, missing ones lapsed, in one transaction. Nothing is written if any row has a
    problem (see result.problems) or on a dry run, nor if it would lapse more than
    lapse_limit() of the active members when hold_mass_lapse is set (result.held)."""
    result = SyncResult(dry_run=dry_run)
    table = Table(binary, result.problems)
    columns = table.columns(REQUIRED, OPTIONAL)
    if columns is None:
        return result
    sync = _Sync(organisation, result)
    try:
        with transaction.atomic(), _sqlite_cache():
            # One import at a time per organisation: the second waits for the first.
            list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values("pk"))
            sync.load_existing()
            for line, values in table.records():
                sync.row(line, values, columns)
            sync.flush()
            sync.lapse_missing()
            if hold_mass_lapse and result.lapsed > lapse_limit(result.active_before):
                result.held = True
            if not sync.writing or result.held:
                raise _Rollback
            signals.roster_changed.send(RosterEntry, organisation=organisation)
            AuditEntry.objects.create(
                organisation=organisation,
                actor=actor,
                action="roster.import",
                detail={
                    "source": source[:200],
                    "rows": result.rows,
                    "added": result.added,
                    "updated": result.updated,
                    "lapsed": result.lapsed,
                },
            )
    except _Rollback:
        pass
    return result
