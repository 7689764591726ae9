"""The audit log of organiser actions: one call per action, in the action's transaction."""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from undersigned.accounts.models import AuditEntry
from undersigned.members.models import Organisation

# Action names, as shown on the owners' audit page.
CREATED = "created"
EDITED = "edited"
NEW_VERSION = "new version"
PUBLISHED = "published"
CLOSED = "closed"
REOPENED = "reopened"
INITIAL_SIGNATORY = "added initial signatory"
APPROVED = "approved"
REMOVED = "removed"
RESTORED = "restored"
EXPORTED = "exported"
INVITED = "invited"
INVITE_CANCELLED = "cancelled invitation"
JOINED = "joined"
ROLE_CHANGED = "changed role"
LEFT = "removed from organisation"


def record(
    organisation: Organisation,
    actor: User | AnonymousUser | None,
    action: str,
    letter: Any = None,
    **detail: Any,
) -> AuditEntry:
    """Write one audit entry. `detail` must be JSON-serialisable and hold no signer emails."""
    user = actor if isinstance(actor, User) else None
    return AuditEntry.objects.create(
        organisation=organisation, actor=user, action=action, letter=letter, detail=detail
    )
