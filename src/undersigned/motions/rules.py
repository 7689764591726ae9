"""The rulebook's data model: what a rulebook says, as plain frozen dataclasses. Reading and
validating the TOML source is ``rulebook``; the format is described in docs/rulebooks.md."""

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from math import ceil

from django.utils.translation import gettext_lazy as _


class MotionKind(StrEnum):
    RESOLUTION = "resolution"
    CALL_ON_BODY = "call_on_body"
    CENSURE = "censure"
    NO_CONFIDENCE = "no_confidence"
    DISCIPLINE = "discipline"
    RESCIND = "rescind"
    RULE_CHANGE = "rule_change"


class MeetingKind(StrEnum):
    ORDINARY = "ordinary"
    SPECIAL = "special"
    AGM = "agm"


class Power(StrEnum):
    ALLOWED = "allowed"  # the body decides
    ADVISORY = "advisory"  # the body may only pass it as a request to another body
    RESERVED = "reserved"  # only another body may decide it


class Threshold(StrEnum):
    MAJORITY_OF_VOTES_CAST = "majority_of_votes_cast"
    TWO_THIRDS_OF_VOTES_CAST = "two_thirds_of_votes_cast"
    MAJORITY_OF_PRESENT = "majority_of_present"
    MAJORITY_OF_MEMBERSHIP = "majority_of_membership"


# Bodies are identified by kind; these four have a default name, any other kind is a named
# committee and must give its name.
STANDARD_BODIES = {
    "branch": _("branch"),
    "district": _("constituency or district party"),
    "regional_committee": _("regional committee"),
    "national_executive": _("national executive"),
}

MOTION_LABELS = {
    MotionKind.RESOLUTION: _("resolution"),
    MotionKind.CALL_ON_BODY: _("call on another body"),
    MotionKind.CENSURE: _("censure"),
    MotionKind.NO_CONFIDENCE: _("no confidence"),
    MotionKind.DISCIPLINE: _("discipline or expulsion"),
    MotionKind.RESCIND: _("rescind an earlier decision"),
    MotionKind.RULE_CHANGE: _("rule change"),
}

MEETING_LABELS = {
    MeetingKind.ORDINARY: _("ordinary meeting"),
    MeetingKind.SPECIAL: _("special meeting"),
    MeetingKind.AGM: _("annual general meeting"),
}


@dataclass(frozen=True)
class Notice:
    days: int
    clause: str


@dataclass(frozen=True)
class Quorum:
    members: int | None  # at least this many present
    percent: Fraction | None  # at least this share of the eligible members (rounded up)
    clause: str

    def required(self, eligible: int) -> int:
        """The number present needed: the larger of the two when both are given."""
        by_number = self.members or 0
        by_share = ceil(self.percent * eligible / 100) if self.percent is not None else 0
        return max(by_number, by_share)


@dataclass(frozen=True)
class Eligibility:
    """Active roster members of the body this many days before the meeting."""

    cutoff_days: int
    clause: str


@dataclass(frozen=True)
class MotionRule:
    kind: MotionKind
    power: Power
    clause: str
    to: str | None  # the body kind it is reserved to, or that an advisory motion asks
    threshold: Threshold | None  # None only when reserved
    threshold_clause: str
    emergency: bool  # may it be taken as an emergency motion, without notice?
    without_notice: Threshold | None  # the threshold for an accepted emergency, if stricter


@dataclass(frozen=True)
class BodyRules:
    kind: str
    name: str
    notice: dict[MeetingKind, Notice]
    motions_deadline: Notice  # motions must be received this many days before the meeting
    quorum: Quorum
    eligible: Eligibility
    motions: dict[MotionKind, MotionRule]


@dataclass(frozen=True)
class Rulebook:
    title: str
    version: str
    bodies: dict[str, BodyRules]
    source: str
    sha256: str

    def body(self, kind: str) -> BodyRules | None:
        return self.bodies.get(kind)

    def body_name(self, kind: str) -> str:
        body = self.bodies.get(kind)
        return body.name if body else str(STANDARD_BODIES.get(kind, kind))


@dataclass(frozen=True)
class RulebookError:
    path: str  # key path, e.g. "bodies.branch.motions.discipline"; "" for the whole document
    message: str
    line: int | None = None

    def __str__(self) -> str:
        place = f"line {self.line}" if self.line else ""
        if self.path:
            place = f"{place}, {self.path}" if place else self.path
        return f"{place}: {self.message}" if place else self.message


class RulebookInvalid(ValueError):
    def __init__(self, errors: list[RulebookError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))
