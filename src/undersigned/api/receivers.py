"""The API's answers to other apps' signals."""

from typing import Any

from django.contrib.auth.models import User
from django.dispatch import receiver
from django.utils import timezone

from undersigned.accounts.models import Organisation
from undersigned.accounts.signals import role_reduced
from undersigned.api.models import ApiToken


@receiver(role_reduced)
def revoke_tokens(sender: Any, user: User, organisation: Organisation, **kwargs: Any) -> None:
    """Removal or demotion revokes the person's tokens for that organisation for good: a
    later re-invitation or promotion starts with no token, never with the old ones."""
    ApiToken.objects.filter(user=user, organisation=organisation, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
