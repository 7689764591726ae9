"""Rules that flag a confirmed signature for a moderator's review. Flagging changes nothing
public: a flagged signature still counts until a moderator removes it."""

import re
from datetime import timedelta

from disposable_email_domains import blocklist
from django.conf import settings
from django.db.models import Q

from undersigned.letters.models import Signature

BURST_WINDOW = timedelta(minutes=10)

# Why a signature was flagged, as stored in Signature.flags and shown in the queue.
BURST = "network-burst"
DISPOSABLE = "disposable-email"
URL_NAME = "name-is-url"
DIGITS_NAME = "name-is-digits"
FORMULA_NAME = "name-starts-with-formula"
SAME_NAME = "same-name-in-branch"

LABELS = {
    BURST: "Many signatures from one network within ten minutes",
    DISPOSABLE: "Email address at a disposable-email domain",
    URL_NAME: "Name looks like a web address",
    DIGITS_NAME: "Name is only digits",
    FORMULA_NAME: "Name starts with = + - or @ (spreadsheet formula)",
    SAME_NAME: "Same name signed twice in one branch",
}

_URL = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|org|net|info|io|ru|xyz|top|uk)\b)", re.I)
_DIGITS = re.compile(r"^[\d\s.,+()-]+$")


def name_flags(name: str) -> list[str]:
    name = name.strip()
    found = []
    if _URL.search(name):
        found.append(URL_NAME)
    if name and _DIGITS.match(name) and any(c.isdigit() for c in name):
        found.append(DIGITS_NAME)
    if name[:1] in ("=", "+", "-", "@"):
        found.append(FORMULA_NAME)
    return found


def is_disposable(email: str) -> bool:
    domain = email.rpartition("@")[2].lower().strip()
    return bool(domain) and domain in blocklist


def _burst(signature: Signature) -> bool:
    if not signature.network_hash:
        return False
    since = signature.created - BURST_WINDOW
    recent = Signature.objects.filter(
        letter_id=signature.letter_id,
        network_hash=signature.network_hash,
        created__gte=since,
        created__lte=signature.created,
    )
    return recent.count() > settings.MODERATION_BURST_LIMIT


def _same_name_in_branch(signature: Signature) -> bool:
    if signature.branch_id is None:
        return False
    return (
        Signature.objects.filter(
            letter_id=signature.letter_id,
            branch_id=signature.branch_id,
            name__iexact=signature.name.strip(),
            status__in=[Signature.Status.CONFIRMED, Signature.Status.REMOVED],
        )
        .filter(~Q(pk=signature.pk))
        .exists()
    )


def flags_for(signature: Signature) -> list[str]:
    found = name_flags(signature.name)
    if is_disposable(signature.email):
        found.append(DISPOSABLE)
    if _burst(signature):
        found.append(BURST)
    if _same_name_in_branch(signature):
        found.append(SAME_NAME)
    return found


def check(signature: Signature) -> list[str]:
    """Run every rule on a just-confirmed signature and flag it if any rule matches. Call
    inside the confirming transaction. A signature a moderator approved stays approved."""
    found = flags_for(signature)
    if found and signature.review != Signature.Review.APPROVED:
        signature.flags = found
        signature.review = Signature.Review.FLAGGED
        Signature.objects.filter(pk=signature.pk).update(
            flags=found, review=Signature.Review.FLAGGED
        )
    return found
