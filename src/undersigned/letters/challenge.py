"""Progressive friction for signing: ordinary signers see nothing; when one network passes
a threshold (or the organisers switch a letter to "under attack"), the form and the API
require a proof-of-work challenge (ALTCHA: solved by the signer's browser, checked here,
no third party involved); only a much higher threshold refuses outright with 429.

Challenges are signed with a key derived from SECRET_KEY and expire after CHALLENGE_SECONDS;
each solved challenge is accepted once (its signature is remembered in the shared cache
until it expires)."""

import enum
import hmac
import time

import altcha
from django.conf import settings
from django.core.cache import cache

from undersigned.letters.models import Letter
from undersigned.lib import ratelimit
from undersigned.lib.network import network_hash

ALGORITHM = "PBKDF2/SHA-256"
CHALLENGE_SECONDS = 600
MAX_PAYLOAD = 4096  # a genuine payload is well under 1 KB


class Friction(enum.Enum):
    NONE = "none"
    CHALLENGE = "challenge"
    REFUSED = "refused"


def _secret() -> bytes:
    return hmac.digest(settings.SECRET_KEY.encode(), b"undersigned.altcha", "sha256")


def _key(ip: str) -> str:
    return f"sign:{network_hash(ip) or 'unknown'}"


def attempt(letter: Letter, ip: str) -> Friction:
    """Count one signing attempt from the network of `ip` (form and API together) and say
    what it must face: nothing, the challenge, or a refusal."""
    count = ratelimit.hits(_key(ip), settings.SIGN_LIMIT_WINDOW)  # this attempt included
    if count > settings.SIGN_LIMIT_PER_NETWORK:
        return Friction.REFUSED
    if letter.under_attack or count > settings.SIGN_CHALLENGE_AFTER:
        return Friction.CHALLENGE
    return Friction.NONE


def shown(letter: Letter, ip: str) -> bool:
    """Whether the form should carry the challenge now (counts nothing)."""
    return letter.under_attack or ratelimit.exceeded(_key(ip), settings.SIGN_CHALLENGE_AFTER)


def create() -> dict[str, object]:
    """A new signed challenge, as the ALTCHA widget (or an API client) fetches it."""
    challenge = altcha.create_challenge(
        ALGORITHM,
        settings.CHALLENGE_COST,
        expires_at=int(time.time()) + CHALLENGE_SECONDS,
        hmac_secret=_secret(),
    )
    return challenge.to_dict()


def verify(payload: str) -> bool:
    """Whether `payload` (the widget's base64 answer) solves a challenge we issued, unexpired
    and never accepted before."""
    if not payload or len(payload) > MAX_PAYLOAD:
        return False
    try:
        result = altcha.verify_solution(payload, _secret())
    except (ValueError, TypeError, KeyError):
        return False
    if not result.verified:
        return False
    # Accepted once: the first to present it claims it (cache.add is atomic in Redis and
    # an insert on the database cache's primary key).
    parsed = altcha.Payload.from_base64(payload)
    used = "altcha-used:" + str(parsed.challenge.signature)
    return bool(cache.add(used, 1, timeout=CHALLENGE_SECONDS + 60))


REFUSED = "Too many signatures came from your network just now. Please try again in a few minutes."
REQUIRED = (
    "Many signatures came from your network just now, so this letter asks your browser to "
    "solve a small puzzle first. Wait for the check below to finish, then press Sign again."
)
API_REQUIRED = (
    "Many signatures came from your network just now: fetch a challenge from "
    "/api/v1/challenge, solve it (ALTCHA, PBKDF2/SHA-256) and send the answer as `altcha`."
)
