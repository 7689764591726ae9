"""The plain data of a standing verdict: the record of a vote, the checks and the verdict.
The rules that produce them are in ``standing``."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.utils.translation import gettext_lazy

from undersigned.motions.rulebook import MeetingKind, MotionKind, Threshold


class Standing(StrEnum):
    VALID = "valid"
    ADVISORY = "advisory"
    CURABLE = "curable"
    UNVERIFIED = "unverified"
    VOID = "void"


# Gravest last: the verdict is the gravest effect among the checks.
GRAVITY = [Standing.VALID, Standing.ADVISORY, Standing.CURABLE, Standing.UNVERIFIED, Standing.VOID]

STANDING_LABELS = {
    Standing.VALID: gettext_lazy("valid"),
    Standing.ADVISORY: gettext_lazy("advisory only"),
    Standing.CURABLE: gettext_lazy("curable"),
    Standing.UNVERIFIED: gettext_lazy("unverified"),
    Standing.VOID: gettext_lazy("void"),
}


class Outcome(StrEnum):
    CARRIED = "carried"
    LOST = "lost"
    UNKNOWN = "unknown"


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"


class Emergency(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


class Vote(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


CHECK_LABELS = {
    "competence": gettext_lazy("Competence of the body"),
    "meeting_notice": gettext_lazy("Notice of the meeting"),
    "motion_notice": gettext_lazy("Notice of the motion"),
    "rescind": gettext_lazy("Decision rescinded"),
    "quorum": gettext_lazy("Quorum"),
    "eligibility": gettext_lazy("Eligible voters"),
    "arithmetic": gettext_lazy("Arithmetic"),
    "threshold": gettext_lazy("Threshold"),
}


# "only the regional committee can ..."
@dataclass(frozen=True)
class NamedVote:
    name: str
    eligible: bool
    vote: Vote


@dataclass(frozen=True)
class Rescinds:
    """The earlier decision a rescinding motion would undo."""

    decided_at: datetime
    same_body: bool  # taken by the same body (instance, not just kind) as this meeting


@dataclass(frozen=True)
class Record:
    body_kind: str
    meeting_kind: MeetingKind
    meeting_at: datetime  # when the meeting began (aware datetimes throughout)
    notice_sent_at: datetime | None  # None: no notice of the meeting was sent
    motion_kind: MotionKind
    received_at: datetime
    emergency: Emergency | None  # None: never put to the meeting as an emergency
    eligible: int
    present: int | None  # None: attendance not taken
    votes_for: int
    votes_against: int
    abstain: int
    named_votes: tuple[NamedVote, ...] | None = None  # a roll call, or None for a count
    rescinds: Rescinds | None = None  # for rescinding motions

    def __post_init__(self) -> None:
        numbers = [self.eligible, self.votes_for, self.votes_against, self.abstain]
        if self.present is not None:
            numbers.append(self.present)
        if any(number < 0 for number in numbers):
            raise ValueError("Counts cannot be negative.")


@dataclass(frozen=True)
class Check:
    name: str  # competence, meeting_notice, motion_notice, rescind, quorum, ...
    status: Status
    evidence: str  # a sentence in plain words
    clause: str | None
    effect: Standing | None = None  # the verdict this check imposes, if any
    reason: str = ""  # the evidence as a clause, for the summary ("under clause 6.1 only ...")

    @property
    def label(self) -> str:
        return str(CHECK_LABELS.get(self.name, self.name))


@dataclass(frozen=True)
class Verdict:
    standing: Standing
    outcome: Outcome | None  # None: the body could not vote on it
    checks: tuple[Check, ...]
    summary: str
    threshold: Threshold | None  # the threshold applied, with its clause
    threshold_clause: str | None

    @property
    def standing_label(self) -> str:
        return str(STANDING_LABELS[self.standing])


def carried(
    threshold: Threshold, votes_for: int, against: int, present: int | None, eligible: int
) -> bool | None:
    """Whether the votes meet the threshold; None when it needs an attendance not recorded."""
    match threshold:
        case Threshold.MAJORITY_OF_VOTES_CAST:
            return votes_for > against
        case Threshold.TWO_THIRDS_OF_VOTES_CAST:
            return votes_for > 0 and votes_for >= 2 * against
        case Threshold.MAJORITY_OF_PRESENT:
            return None if present is None else 2 * votes_for > present
        case Threshold.MAJORITY_OF_MEMBERSHIP:
            return 2 * votes_for > eligible


def outcome_of(threshold: Threshold | None, record: Record) -> Outcome | None:
    if threshold is None:
        return None
    result = carried(
        threshold, record.votes_for, record.votes_against, record.present, record.eligible
    )
    return Outcome.UNKNOWN if result is None else Outcome.CARRIED if result else Outcome.LOST
