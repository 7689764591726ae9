"""Who may sign a letter: anyone, the organisation's members, the members of some regions or
branches, or an invited list. Members are recognised by the email they give (which the
confirmation email then proves they control) or, where the organisation allows it, by their
membership number and postcode. Only active roster entries count."""

import hmac
from dataclasses import dataclass

from django.conf import settings

from undersigned.letters.models import Letter, Signature
from undersigned.lib import ratelimit
from undersigned.lib.network import network_hash
from undersigned.members import digests
from undersigned.members.models import InvitedEmail, RosterEntry

Mode = Letter.Eligibility
ATTEMPT_WINDOW = 3600  # seconds over which failed number + postcode attempts are counted


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    entry: RosterEntry | None = None  # the active roster entry that vouches for the signer
    member: str = Signature.Member.NO
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
    """The roster entry with this number, if its postcode's outward part matches too."""
    entry = (
        RosterEntry.objects.filter(
            organisation_id=organisation_id,
            number_digest__in=digests.number_digests(organisation_id, number),
        )
        .select_related("branch")
        .first()
    )
    outward = digests.postcode_outward(postcode)
    if entry is None or not entry.postcode_outward or not outward:
        return None
    return entry if hmac.compare_digest(entry.postcode_outward, outward) else None


def is_invited(letter: Letter, email: str) -> bool:
    return InvitedEmail.objects.filter(
        letter=letter, email_digest__in=digests.email_digests(letter.organisation_id, email)
    ).exists()


def accepts(letter: Letter, entry: RosterEntry | None) -> bool:
    """Whether this roster entry may sign a members' or groups' letter."""
    if entry is None or not entry.is_active:
        return False
    if letter.eligibility != Mode.GROUPS:
        return True
    return (
        letter.eligible_branches.filter(pk=entry.branch_id).exists()
        or letter.eligible_regions.filter(pk=entry.branch.region_id).exists()
    )


def offers_number_route(letter: Letter) -> bool:
    return letter.organisation.allow_number_postcode and letter.eligibility in (
        Mode.MEMBERS,
        Mode.GROUPS,
    )


def check(
    letter: Letter, *, email: str, number: str = "", postcode: str = "", ip: str = ""
) -> Verdict:
    if letter.eligibility == Mode.ANYONE:
        return Verdict(True)
    if number and offers_number_route(letter):
        return _check_number(letter, number, postcode, ip)
    entry = find_by_email(letter.organisation_id, email)
    if letter.eligibility == Mode.INVITED:
        if not is_invited(letter, email):
            return Verdict(False)
        active = entry if entry is not None and entry.is_active else None
        return Verdict(True, active, Signature.Member.EMAIL if active else Signature.Member.NO)
    if accepts(letter, entry):
        return Verdict(True, entry, Signature.Member.EMAIL)
    return Verdict(False)


def _check_number(letter: Letter, number: str, postcode: str, ip: str) -> Verdict:
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
    entry = find_by_number(letter.organisation_id, number, postcode)
    if accepts(letter, entry):
        return Verdict(True, entry, Signature.Member.NUMBER)
    ratelimit.hit(key, limit, ATTEMPT_WINDOW)
    return Verdict(
        False,
        message=(
            f"That membership number and postcode do not match a member who may sign this "
            f"letter. It is open to {open_to(letter)}. Check them, or sign with the email address "
            f"the organisation has for you.{_contact(letter)}"
        ),
    )


def _contact(letter: Letter) -> str:
    email = letter.organisation.contact_email
    return f" If you think this is a mistake, write to the organisers at {email}." if email else ""


def open_to(letter: Letter) -> str:
    """Who may sign, in words: 'members of Northern Network in North or Tyneside'."""
    org = letter.organisation.name
    if letter.eligibility == Mode.MEMBERS:
        return f"members of {org}"
    if letter.eligibility == Mode.INVITED:
        return f"people invited by the organisers of {org}"
    if letter.eligibility == Mode.GROUPS:
        groups = [r.name for r in letter.eligible_regions.all()]
        groups += [f"{b.name} branch" for b in letter.eligible_branches.all()]
        return f"members of {org} in {_either(groups)}" if groups else f"members of {org}"
    return "anyone"


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def forget_stale_refusals() -> int:
    """Delete refusal addresses whose email never went (a task lost): kept a day at most."""
    from datetime import timedelta

    from django.utils import timezone

    from undersigned.members.models import Refusal

    deleted, _ = Refusal.objects.filter(created__lt=timezone.now() - timedelta(days=1)).delete()
    return deleted
