"""Who may sign or vote: anyone, the organisation's members, the members of some regions or
branches, or an invited list. Members are recognised by the email they give (which the
confirmation email then proves they control) or, where the organisation allows it, by their
membership number and postcode. Only active roster entries count.

Everything here takes an Audience, a small value that letters and motions each build from
their own settings: this module knows nothing of either."""

import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from undersigned.accounts.models import Branch, Organisation, Region
from undersigned.lib import ratelimit
from undersigned.lib.network import network_hash
from undersigned.members import digests
from undersigned.members.models import Eligibility, InvitedEmail, MemberProof, RosterEntry

Mode = Eligibility
ATTEMPT_WINDOW = 3600  # seconds over which failed number + postcode attempts are counted


@dataclass(frozen=True)
class Audience:
    """Who may take part in something: its organisation, the mode, the regions and branches
    of a groups audience, and the thing whose invited list counts (for the invited mode)."""

    organisation: Organisation
    mode: str = Eligibility.ANYONE
    region_ids: frozenset[int] = field(default_factory=frozenset)
    branch_ids: frozenset[int] = field(default_factory=frozenset)
    subject: models.Model | None = None  # owner of the invited list

    @property
    def invited(self) -> models.QuerySet[InvitedEmail]:
        if self.subject is None:
            return InvitedEmail.objects.none()
        return invited_list(self.subject)


def invited_list(subject: models.Model) -> models.QuerySet[InvitedEmail]:
    """The invited list of a letter, a motion, or anything else."""
    return InvitedEmail.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    entry: RosterEntry | None = None  # the active roster entry that vouches for the signer
    member: str = MemberProof.NO
    # Set when the refusal may be shown on the page: it says nothing about whether an email
    # address is on the roster (membership number and postcode are the signer's own proof).
    message: str = ""


def find_by_email(organisation_id: int, email: str) -> RosterEntry | None:
    """The roster entry for this email, an active one if there is one."""
    entries = list(
        RosterEntry.objects.filter(
            organisation_id=organisation_id,
            email_digest__in=digests.email_digests(organisation_id, email),
        ).select_related("branch")
    )
    entries.sort(key=lambda entry: not entry.is_active)
    return entries[0] if entries else None


def find_by_number(organisation_id: int, number: str, postcode: str) -> RosterEntry | None:
    """The roster entry with this number, if its whole postcode matches too (or, for an
    entry imported before whole postcodes were kept, its outward part)."""
    entry = (
        RosterEntry.objects.filter(
            organisation_id=organisation_id,
            number_digest__in=digests.number_digests(organisation_id, number),
        )
        .select_related("branch")
        .first()
    )
    if entry is None or not digests.is_full_postcode(postcode):
        return None
    if entry.postcode_digest:
        given = [key.postcode(postcode) for key in digests.keys(organisation_id)]
        return entry if any(hmac.compare_digest(entry.postcode_digest, g) for g in given) else None
    outward = digests.postcode_outward(postcode)
    if not entry.postcode_outward or not outward:
        return None
    return entry if hmac.compare_digest(entry.postcode_outward, outward) else None


def is_invited(audience: Audience, email: str) -> bool:
    return audience.invited.filter(
        email_digest__in=digests.email_digests(audience.organisation.pk, email)
    ).exists()


def accepts(audience: Audience, entry: RosterEntry | None) -> bool:
    """Whether this roster entry belongs to a members' or groups' audience."""
    if entry is None or not entry.is_active:
        return False
    if audience.mode != Mode.GROUPS:
        return True
    return entry.branch_id in audience.branch_ids or entry.branch.region_id in audience.region_ids


def offers_number_route(audience: Audience) -> bool:
    return audience.organisation.allow_number_postcode and audience.mode in (
        Mode.MEMBERS,
        Mode.GROUPS,
    )


def check(
    audience: Audience, *, email: str, number: str = "", postcode: str = "", ip: str = ""
) -> Verdict:
    if audience.mode == Mode.ANYONE:
        return Verdict(True)
    if number and offers_number_route(audience):
        return _check_number(audience, number, postcode, ip)
    entry = find_by_email(audience.organisation.pk, email)
    if audience.mode == Mode.INVITED:
        if not is_invited(audience, email):
            return Verdict(False)
        active = entry if entry is not None and entry.is_active else None
        return Verdict(True, active, MemberProof.EMAIL if active else MemberProof.NO)
    if accepts(audience, entry):
        return Verdict(True, entry, MemberProof.EMAIL)
    return Verdict(False)


def _check_number(audience: Audience, number: str, postcode: str, ip: str) -> Verdict:
    # Failures are limited per network, and the limit is checked before looking, so that
    # guessing numbers and postcodes gets nowhere once it is reached.
    key = f"number-postcode:{network_hash(ip) or 'unknown'}"
    limit = settings.NUMBER_POSTCODE_ATTEMPTS
    if ratelimit.exceeded(key, limit):
        return Verdict(
            False,
            message="Too many membership numbers and postcodes were tried "
            "from your network. Please try again in an hour, or sign with the email "
            "address the organisation has for you.",
        )
    entry = find_by_number(audience.organisation.pk, number, postcode)
    if accepts(audience, entry):
        return Verdict(True, entry, MemberProof.NUMBER)
    ratelimit.hit(key, limit, ATTEMPT_WINDOW)
    return Verdict(
        False,
        message=(
            f"That membership number and postcode do not match a member who may sign this "
            f"letter. It is open to {open_to(audience)}. Check them, or sign with the email "
            f"address the organisation has for you.{_contact(audience)}"
        ),
    )


def _contact(audience: Audience) -> str:
    email = audience.organisation.contact_email
    return f" If you think this is a mistake, write to the organisers at {email}." if email else ""


def open_to(audience: Audience) -> str:
    """Who may sign, in words: 'members of Northern Network in North or Tyneside'."""
    org = audience.organisation.name
    if audience.mode == Mode.MEMBERS:
        return f"members of {org}"
    if audience.mode == Mode.INVITED:
        return f"people invited by the organisers of {org}"
    if audience.mode == Mode.GROUPS:
        groups = [r.name for r in Region.objects.filter(pk__in=audience.region_ids)]
        groups += [f"{b.name} branch" for b in Branch.objects.filter(pk__in=audience.branch_ids)]
        return f"members of {org} in {_either(groups)}" if groups else f"members of {org}"
    return "anyone"


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def members_of(audience: Audience) -> "models.QuerySet[RosterEntry]":
    """The active roster entries an audience of members covers (none for anyone/invited)."""
    entries = RosterEntry.objects.filter(
        organisation=audience.organisation, status=RosterEntry.Status.ACTIVE
    )
    if audience.mode == Mode.MEMBERS:
        return entries
    if audience.mode == Mode.GROUPS:
        return entries.filter(
            models.Q(branch_id__in=audience.branch_ids)
            | models.Q(branch__region_id__in=audience.region_ids)
        )
    return entries.none()


def find_member(organisation_id: int, identifier: str) -> RosterEntry | None:
    """A roster entry by email address or membership number (for officers recording who was
    present or how they voted; no postcode needed: the officer vouches)."""
    identifier = identifier.strip()
    if "@" in identifier:
        return find_by_email(organisation_id, identifier)
    return (
        RosterEntry.objects.filter(
            organisation_id=organisation_id,
            number_digest__in=digests.number_digests(organisation_id, identifier),
        )
        .select_related("branch")
        .first()
    )
