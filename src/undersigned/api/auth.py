from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from undersigned.accounts.access import EDIT_LETTERS
from undersigned.accounts.models import Membership
from undersigned.api.models import ApiToken, digest_of


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`: a token that is not revoked, of a person who still
    organises in the token's organisation."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = (
            ApiToken.objects.select_related("user", "organisation")
            .filter(digest=digest_of(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        if not Membership.objects.filter(
            user=found.user, organisation=found.organisation, role__in=EDIT_LETTERS
        ).exists():
            return None
        now = timezone.now()
        # One write a minute at most, not one per request.
        if found.last_used is None or now - found.last_used > timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        return found
