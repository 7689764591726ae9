"""Links in emails: signed, so nothing secret is stored; confirm links expire."""

import uuid

from django.conf import settings
from django.core import signing

CONFIRM = "undersigned.letters.confirm"
WITHDRAW = "undersigned.letters.withdraw"
UNSUBSCRIBE = "undersigned.letters.unsubscribe"  # updates and reminders; never expires
ACCESS = "undersigned.letters.access"  # a signer's own data: see it, download it, erase it
EXPIRING = {CONFIRM, ACCESS}


def make(uid: uuid.UUID, purpose: str) -> str:
    return signing.TimestampSigner(salt=purpose).sign(uid.hex)


class Expired(Exception):
    """A genuine link that is too old to use."""


def read(token: str, purpose: str) -> uuid.UUID | None:
    """The signature uid in a token, None if it is forged or malformed; raises Expired."""
    max_age = settings.CONFIRM_LINK_DAYS * 86400 if purpose in EXPIRING else None
    try:
        return uuid.UUID(signing.TimestampSigner(salt=purpose).unsign(token, max_age=max_age))
    except signing.SignatureExpired:
        raise Expired from None
    except (signing.BadSignature, ValueError):
        return None
