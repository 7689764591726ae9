"""An organisation's rulebook as data: a TOML document that owners edit by hand.

The stored form is the source text itself; ``Rulebook.sha256`` is the SHA-256 of its UTF-8 bytes,
so the hash shown publicly is the hash of exactly the text shown publicly (no re-serialising that
could drift). ``load()`` parses and validates, and refuses with *every* problem at once, each
named by its place: a line number where the TOML itself is broken, otherwise the key path such as
``bodies.branch.motions.discipline`` (with the line of its table header when one is written out).
The data model is in ``rules`` (re-exported here); the format is described field by field in
docs/rulebooks.md.
"""

import hashlib
import re
import tomllib
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any

from undersigned.motions.rules import (
    MEETING_LABELS,
    MOTION_LABELS,
    STANDARD_BODIES,
    BodyRules,
    Eligibility,
    MeetingKind,
    MotionKind,
    MotionRule,
    Notice,
    Power,
    Quorum,
    Rulebook,
    RulebookError,
    RulebookInvalid,
    Threshold,
)

__all__ = [
    "MEETING_LABELS",
    "MOTION_LABELS",
    "STANDARD_BODIES",
    "BodyRules",
    "Eligibility",
    "MeetingKind",
    "MotionKind",
    "MotionRule",
    "Notice",
    "Power",
    "Quorum",
    "Rulebook",
    "RulebookError",
    "RulebookInvalid",
    "Threshold",
    "DEMO_PATH",
    "load",
    "load_demo",
    "sha256",
    "validate",
]

DEMO_PATH = Path(__file__).parent / "rulebooks" / "demo.toml"
_KIND_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,49}")
_CLAUSE_PATTERN = re.compile(r"\S.{0,39}")


def sha256(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def load(source: str | bytes) -> Rulebook:
    """Parse and validate a rulebook; raise RulebookInvalid listing every problem."""
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as error:
            raise RulebookInvalid(
                [RulebookError("", f"The file is not UTF-8 text (byte {error.start}).")]
            ) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise RulebookInvalid([_syntax_error(error, source)]) from None
    reader = _Reader(source)
    rulebook = reader.rulebook(data)
    if reader.errors or rulebook is None:
        raise RulebookInvalid(reader.errors)
    return rulebook


def validate(source: str | bytes) -> list[RulebookError]:
    try:
        load(source)
    except RulebookInvalid as invalid:
        return invalid.errors
    return []


def load_demo() -> Rulebook:
    return load(DEMO_PATH.read_text(encoding="utf-8"))


def _syntax_error(error: tomllib.TOMLDecodeError, source: str) -> RulebookError:
    line: int | None = getattr(error, "lineno", None)
    message = str(getattr(error, "msg", error))
    match = re.search(r"\(at line (\d+), column \d+\)$", message)
    if match:
        line = line or int(match.group(1))
        message = message[: match.start()].rstrip()
    elif message.endswith("(at end of document)"):
        line = line or max(1, len(source.splitlines()))
        message = message.removesuffix("(at end of document)").rstrip()
    return RulebookError("", f"This is not valid TOML: {message}.", line)


class _Reader:
    """Walks the parsed TOML, collecting errors instead of stopping at the first."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[RulebookError] = []
        self._headers = _table_headers(source)

    def error(self, path: str, message: str) -> None:
        line = None
        parts = path.split(".")
        while parts and line is None:  # the nearest written-out table header
            line = self._headers.get(".".join(parts))
            parts.pop()
        self.errors.append(RulebookError(path, message, line))

    def table(self, data: dict[str, Any], key: str, path: str) -> dict[str, Any] | None:
        value = data.get(key)
        where = f"{path}.{key}" if path else key
        if value is None:
            self.error(where, "This table is required.")
            return None
        if not isinstance(value, dict):
            self.error(where, "This must be a table.")
            return None
        return value

    def unknown_keys(self, data: dict[str, Any], path: str, known: set[str]) -> None:
        for key in data:
            if key not in known:
                allowed = ", ".join(sorted(known))
                self.error(f"{path}.{key}", f"Unknown key; expected one of: {allowed}.")

    def text(self, data: dict[str, Any], key: str, path: str, required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(f"{path}.{key}", "This is required.")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(f"{path}.{key}", "This must be a non-empty string.")
            return None
        return value.strip()

    def clause(
        self, data: dict[str, Any], path: str, default: str | None = None, key: str = "clause"
    ) -> str | None:
        if key not in data and default is not None:
            return default
        value = self.text(data, key, path)
        if value is not None and not _CLAUSE_PATTERN.fullmatch(value):
            self.error(f"{path}.{key}", "A clause reference is at most 40 characters.")
            return None
        return value

    def days(self, value: Any, path: str, maximum: int = 366) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, "This must be a whole number of days.")
            return None
        if not 0 <= value <= maximum:
            self.error(path, f"This must be between 0 and {maximum} days.")
            return None
        return value

    def choice[E: StrEnum](
        self, data: dict[str, Any], key: str, path: str, enum: type[E], required: bool = True
    ) -> E | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(f"{path}.{key}", "This is required.")
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.error(f"{path}.{key}", f"{value!r} is not one of: {allowed}.")
            return None

    def rulebook(self, data: dict[str, Any]) -> Rulebook | None:
        self.unknown_keys(data, "", {"rulebook", "bodies"})
        head = self.table(data, "rulebook", "")
        title = version = None
        if head is not None:
            self.unknown_keys(head, "rulebook", {"title", "version"})
            title = self.text(head, "title", "rulebook")
            version = self.text(head, "version", "rulebook")
        bodies_data = self.table(data, "bodies", "")
        bodies: dict[str, BodyRules] = {}
        if bodies_data is not None:
            if not bodies_data:
                self.error("bodies", "Describe at least one body.")
            for kind, value in bodies_data.items():
                path = f"bodies.{kind}"
                if not _KIND_PATTERN.fullmatch(kind):
                    self.error(path, "A body kind is lower-case letters, digits and _.")
                elif not isinstance(value, dict):
                    self.error(path, "This must be a table.")
                else:
                    body = self.body(kind, value, path)
                    if body is not None:
                        bodies[kind] = body
            self.check_references(bodies_data)
        if self.errors or title is None or version is None:
            return None
        return Rulebook(title, version, bodies, self.source, sha256(self.source))

    def check_references(self, bodies_data: dict[str, Any]) -> None:
        for kind, body in bodies_data.items():
            motions = body.get("motions") if isinstance(body, dict) else None
            if not isinstance(motions, dict):
                continue
            for motion, rule in motions.items():
                to = rule.get("to") if isinstance(rule, dict) else None
                if not isinstance(to, str) or not to:
                    continue
                path = f"bodies.{kind}.motions.{motion}.to"
                if to == kind:
                    self.error(path, "A body cannot refer a motion to itself.")
                elif to not in bodies_data:
                    self.error(path, f"No body of kind {to!r} is described in this rulebook.")

    def body(self, kind: str, data: dict[str, Any], path: str) -> BodyRules | None:
        self.unknown_keys(data, path, {"name", "notice", "quorum", "eligible", "motions"})
        name = self.text(data, "name", path, required=kind not in STANDARD_BODIES)
        notice_data = self.table(data, "notice", path)
        notice, deadline = self.notice(notice_data, f"{path}.notice") if notice_data else ({}, None)
        quorum_data = self.table(data, "quorum", path)
        quorum = self.quorum(quorum_data, f"{path}.quorum") if quorum_data is not None else None
        eligible_data = self.table(data, "eligible", path)
        eligible = None
        if eligible_data is not None:
            eligible_path = f"{path}.eligible"
            self.unknown_keys(eligible_data, eligible_path, {"cutoff_days", "clause"})
            cutoff = None
            if "cutoff_days" not in eligible_data:
                self.error(f"{eligible_path}.cutoff_days", "This is required.")
            else:
                cutoff = self.days(eligible_data["cutoff_days"], f"{eligible_path}.cutoff_days")
            clause = self.clause(eligible_data, eligible_path)
            if cutoff is not None and clause is not None:
                eligible = Eligibility(cutoff, clause)
        motions_data = self.table(data, "motions", path)
        motions: dict[MotionKind, MotionRule] = {}
        if motions_data is not None:
            motions = self.motions(motions_data, f"{path}.motions")
        if (
            (name is None and kind not in STANDARD_BODIES)
            or len(notice) != len(MeetingKind)
            or deadline is None
            or quorum is None
            or eligible is None
            or len(motions) != len(MotionKind)
        ):
            return None
        display = name or str(STANDARD_BODIES[kind])
        return BodyRules(kind, display, notice, deadline, quorum, eligible, motions)

    def notice(
        self, data: dict[str, Any], path: str
    ) -> tuple[dict[MeetingKind, Notice], Notice | None]:
        keys = {kind.value for kind in MeetingKind} | {"motions_deadline", "clause"}
        self.unknown_keys(data, path, keys)
        default = self.clause(data, path) if "clause" in data else None
        notices: dict[MeetingKind, Notice] = {}
        deadline = None
        for key in [*(kind.value for kind in MeetingKind), "motions_deadline"]:
            item_path = f"{path}.{key}"
            if key not in data:
                self.error(item_path, "This is required.")
                continue
            value = data[key]
            days: int | None
            clause: str | None
            if isinstance(value, dict):
                self.unknown_keys(value, item_path, {"days", "clause"})
                if "days" not in value:
                    self.error(f"{item_path}.days", "This is required.")
                    days = None
                else:
                    days = self.days(value["days"], f"{item_path}.days")
                clause = self.clause(value, item_path, default)
            else:
                days = self.days(value, item_path)
                clause = default
                if clause is None and days is not None:
                    self.error(item_path, "Give a clause here ({ days, clause }) or for the table.")
            if days is None or clause is None:
                continue
            if key == "motions_deadline":
                deadline = Notice(days, clause)
            else:
                notices[MeetingKind(key)] = Notice(days, clause)
        return notices, deadline

    def quorum(self, data: dict[str, Any], path: str) -> Quorum | None:
        self.unknown_keys(data, path, {"members", "percent", "clause"})
        members: int | None = None
        percent: Fraction | None = None
        bad = False
        if "members" in data:
            value = data["members"]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.error(f"{path}.members", "This must be a whole number of at least 1.")
                bad = True
            else:
                members = value
        if "percent" in data:
            value = data["percent"]
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not 0 < value <= 100
            ):
                self.error(f"{path}.percent", "This must be a number above 0 and at most 100.")
                bad = True
            else:
                # Through the decimal text, so 10.1 means exactly 101/1000 and not a binary float.
                percent = Fraction(str(value))
        if "members" not in data and "percent" not in data:
            self.error(path, "Give members, percent, or both (the larger applies).")
            bad = True
        clause = self.clause(data, path)
        if bad or clause is None:
            return None
        return Quorum(members, percent, clause)

    def motions(self, data: dict[str, Any], path: str) -> dict[MotionKind, MotionRule]:
        self.unknown_keys(data, path, {kind.value for kind in MotionKind})
        rules: dict[MotionKind, MotionRule] = {}
        for kind in MotionKind:
            rule_path = f"{path}.{kind.value}"
            value = data.get(kind.value)
            if value is None:
                self.error(rule_path, "Say whether this kind of motion is allowed here.")
            elif not isinstance(value, dict):
                self.error(rule_path, "This must be a table.")
            else:
                rule = self.motion(kind, value, rule_path)
                if rule is not None:
                    rules[kind] = rule
        return rules

    def motion(self, kind: MotionKind, data: dict[str, Any], path: str) -> MotionRule | None:
        known = {"power", "clause", "to", "threshold", "threshold_clause"}
        known |= {"emergency", "without_notice"}
        self.unknown_keys(data, path, known)
        power = self.choice(data, "power", path, Power)
        clause = self.clause(data, path)
        to = self.text(data, "to", path, required=power is Power.RESERVED)
        reserved = power is Power.RESERVED
        threshold = without_notice = None
        threshold_clause = clause
        if reserved:
            for key in ("threshold", "threshold_clause", "without_notice", "emergency"):
                if key in data:
                    self.error(f"{path}.{key}", "A reserved motion is not voted on by this body.")
        else:
            threshold = self.choice(data, "threshold", path, Threshold, required=power is not None)
            without_notice = self.choice(data, "without_notice", path, Threshold, required=False)
            if "threshold_clause" in data:
                threshold_clause = self.clause(data, path, key="threshold_clause")
        emergency = data.get("emergency", True)
        if not isinstance(emergency, bool):
            self.error(f"{path}.emergency", "This must be true or false.")
            return None
        if emergency is False and without_notice is not None:
            self.error(f"{path}.without_notice", "This motion cannot be taken without notice.")
            return None
        if power is None or clause is None or threshold_clause is None:
            return None
        if not reserved and threshold is None:
            return None
        return MotionRule(
            kind,
            power,
            clause,
            to,
            threshold,
            threshold_clause,
            emergency and not reserved,
            without_notice,
        )


def _table_headers(source: str) -> dict[str, int]:
    """Line numbers of plain ``[a.b.c]`` table headers, for pointing at a problem's place."""
    headers: dict[str, int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
        match = re.fullmatch(r"\s*\[\s*([A-Za-z0-9_.\s-]+?)\s*\]\s*(#.*)?", line)
        if match:
            key = ".".join(part.strip() for part in match.group(1).split("."))
            headers.setdefault(key, number)
    return headers
