"""Rules that flag a confirmed signature for a moderator's review. Flagging changes nothing
public: a flagged signature still counts until a moderator removes it."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from undersigned.letters.models import Signature
from undersigned.lib import names
from undersigned.lib.emails import is_disposable

BURST_WINDOW = timedelta(minutes=10)

# Why a signature was flagged, as stored in Signature.flags and shown in the queue (the
# name rules are shared: lib/names.py).
BURST = "network-burst"
DISPOSABLE = "disposable-email"
SAME_NAME = "same-name-in-branch"

LABELS = {
    BURST: "Many signatures from one network within ten minutes",
    DISPOSABLE: "Email address at a disposable-email domain",
    **names.LABELS,
    SAME_NAME: "Same name signed twice in one branch",
}


def _burst(signature: Signature) -> bool:
    # A member the roster vouches for is not suspect for sharing a network with others (a
    # branch meeting on one Wi-Fi, a workplace, a mobile carrier's shared addresses).
    if not signature.network_hash or signature.member != Signature.Member.NO:
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
    found = names.name_flags(signature.name)
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
