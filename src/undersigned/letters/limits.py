"""Abuse limits on signing, shared by the sign form and the API."""

from django.conf import settings
from django.utils.translation import gettext_lazy

from undersigned.lib import ratelimit
from undersigned.lib.network import network_hash


def may_sign(ip: str) -> bool:
    """Count one signing attempt from the network of `ip`; False once that network has made
    more than SIGN_LIMIT_PER_NETWORK attempts in SIGN_LIMIT_WINDOW seconds. Keyed on the
    network's hash, as stored on signatures, never on the address."""
    key = f"sign:{network_hash(ip) or 'unknown'}"
    return ratelimit.hit(key, settings.SIGN_LIMIT_PER_NETWORK, settings.SIGN_LIMIT_WINDOW)


REFUSED = gettext_lazy(
    "Too many signatures came from your network just now. Please try again in a few minutes."
)
