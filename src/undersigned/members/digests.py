"""Keyed digests of roster data: HMAC-SHA256 under a key derived per organisation from the
ROSTER_KEY setting, so the roster table holds no email address or membership number in the
clear, and a digest from one organisation says nothing about another.

While a key is being rotated, ROSTER_KEY_PREVIOUS stays usable for matching (see
docs/rosters.md); every stored digest records the id of the key that made it."""

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass

from django.conf import settings

from undersigned.lib.emails import normalise_email


def normalise_number(number: str) -> str:
    """Membership numbers compare without case or spaces: ' ab 123' is 'AB123'."""
    return "".join(unicodedata.normalize("NFC", number).split()).upper()


def postcode_outward(postcode: str) -> str:
    """The outward part of a postcode: 'SW1A' of 'sw1a 1aa' or 'SW1A1AA'. A UK inward part is
    always three characters; other postcodes are kept whole (up to 8 characters)."""
    parts = postcode.upper().split()
    if not parts:
        return ""
    if len(parts) > 1:
        return parts[0][:8]
    compact = parts[0]
    return (compact[:-3] if len(compact) >= 5 else compact)[:8]


def normalise_postcode(postcode: str) -> str:
    """Postcodes compare without case or spaces: 'ne1 4st' is 'NE14ST'."""
    return "".join(unicodedata.normalize("NFC", postcode).split()).upper()


def is_full_postcode(postcode: str) -> bool:
    """A whole postcode, not only its outward part ('NE1 4ST' or '10115', not 'NE1')."""
    return len(normalise_postcode(postcode)) >= 5


def key_id(master: str) -> str:
    """A short, public fingerprint of a master key (it reveals nothing about the key)."""
    return hmac.new(master.encode(), b"undersigned.roster.key-id", hashlib.sha256).hexdigest()[:8]


@dataclass(frozen=True)
class Key:
    id: str
    secret: bytes

    def email(self, email: str) -> str:
        return self.email_bytes(email).hex()

    def email_bytes(self, email: str) -> bytes:
        return hmac.digest(self.secret, b"email:" + normalise_email(email).encode(), "sha256")

    def number(self, number: str) -> str:
        return self.number_bytes(number).hex()

    def number_bytes(self, number: str) -> bytes:
        return hmac.digest(self.secret, b"number:" + normalise_number(number).encode(), "sha256")

    def postcode(self, postcode: str) -> str:
        """The full postcode's digest ('' for none): a signer proves membership with the
        whole postcode, never with its outward part alone."""
        if not postcode.strip():
            return ""
        data = b"postcode:" + normalise_postcode(postcode).encode()
        return hmac.digest(self.secret, data, "sha256").hex()


def _org_key(master: str, organisation_id: int) -> Key:
    secret = hmac.digest(
        master.encode(), f"undersigned.roster.org:{organisation_id}".encode(), "sha256"
    )
    return Key(key_id(master), secret)


def current_key(organisation_id: int) -> Key:
    return _org_key(settings.ROSTER_KEY, organisation_id)


def keys(organisation_id: int) -> list[Key]:
    """The current key first, then the previous one while a rotation is under way."""
    found = [current_key(organisation_id)]
    if settings.ROSTER_KEY_PREVIOUS and settings.ROSTER_KEY_PREVIOUS != settings.ROSTER_KEY:
        found.append(_org_key(settings.ROSTER_KEY_PREVIOUS, organisation_id))
    return found


def email_digests(organisation_id: int, email: str) -> list[str]:
    return [key.email(email) for key in keys(organisation_id)]


def number_digests(organisation_id: int, number: str) -> list[str]:
    return [key.number(number) for key in keys(organisation_id)]
