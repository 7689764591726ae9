"""Subject access: a signer asks, by a link emailed to the address they signed with, for
everything held about them for a letter (as JSON), and may have it erased. Asking says
nothing on the page about whether the address signed: the email is the only answer."""

import hmac
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from undersigned.accounts.models import AuditEntry
from undersigned.letters import services, tasks
from undersigned.letters.models import Letter, Signature
from undersigned.lib import ratelimit
from undersigned.lib.emails import normalise_email
from undersigned.lib.network import network_hash

PER_EMAIL = 3  # requests per address and letter per hour
PER_NETWORK = 20  # requests per network per hour


def request_access(letter: Letter, email: str, ip: str) -> None:
    """Email the signer of this letter with this address a link to their data, within the
    limits; do nothing (visibly the same) otherwise."""
    email = normalise_email(email)
    digest = hmac.new(settings.SECRET_KEY.encode(), email.encode(), "sha256").hexdigest()
    if not ratelimit.hit(f"access-network:{network_hash(ip) or 'unknown'}", PER_NETWORK, 3600):
        return
    if not ratelimit.hit(f"access-email:{letter.pk}:{digest}", PER_EMAIL, 3600):
        return
    signature = letter.signatures.filter(email=email, erased_at__isnull=True).first()
    if signature is not None:
        with transaction.atomic():
            tasks.send_subject_access.enqueue(signature.pk)


def _stamp(value: Any) -> str | None:
    return value.isoformat() if value else None


def data_of(signature: Signature) -> dict[str, Any]:
    """Everything held about the signer for this letter."""
    letter = signature.letter
    moderation = AuditEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(Letter),
        subject_id=letter.pk,
        detail__signature=signature.pk,
    ).order_by("created", "id")
    return {
        "letter": {"slug": letter.slug, "title": letter.title, "url": letter.public_url},
        "signature": {
            "name": signature.name,
            "email": signature.email,
            "role": signature.role,
            "display": signature.display,
            "branch": signature.branch.name if signature.branch else None,
            "region": signature.region.name if signature.region else None,
            "branch_verified": signature.branch_verified,
            "member": signature.member,
            "member_lapsed": signature.member_lapsed,
            "status": signature.status,
            "initial_signatory": signature.is_initial,
            "version_signed": signature.version,
            "created": _stamp(signature.created),
            "confirmed_at": _stamp(signature.confirmed_at),
            "withdrawn_at": _stamp(signature.withdrawn_at),
            "removed_at": _stamp(signature.removed_at),
            "removal_reason": signature.removal_reason,
            "review": signature.review,
            "flags": list(signature.flags or []),
            "emails_sent": signature.emails_sent,
            # A keyed hash of the /24 or /48 network signed from (never the address).
            "network_hash": signature.network_hash,
            # The log entry: with the salt, the signer can find and check it.
            "log_index": signature.log_index,
            "commit_salt": signature.commit_salt,
        },
        "moderation": [
            {"action": entry.action, "at": _stamp(entry.created), "detail": entry.detail}
            for entry in moderation
        ],
        "retention": {
            "months_after_closing": letter.retention_months,
        },
    }


def erase(signature: Signature) -> None:
    """Withdraw the signature (so it no longer counts) and erase the signer's personal
    data; the log keeps its entries, which name nobody."""
    services.withdraw(signature.uid)
    services.erase(signature)
