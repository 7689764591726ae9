import hashlib
import secrets

from django.conf import settings
from django.db import models

from undersigned.accounts.models import Organisation

PREFIX = "us_"


def digest_of(raw: str) -> str:
    # A token is 256 random bits, not a password: a fast hash is enough to make a stolen
    # database useless, and it lets us find the token with one indexed lookup.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A person's key to the organiser endpoints for one organisation. Only its hash is
    stored; the token itself is shown once, when it is created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    # The first characters, so the person can tell their tokens apart.
    hint = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: object, organisation: Organisation, name: str) -> tuple["ApiToken", str]:
        """A new token and its secret value, which is never stored."""
        raw = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, organisation=organisation, name=name, hint=raw[:10], digest=digest_of(raw)
        )
        return token, raw
