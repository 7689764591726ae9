"""The audit log of organiser actions: one call per action, in the action's transaction."""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db import models

from undersigned.accounts.models import AuditEntry, Organisation

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
UPDATE_SENT = "sent an update"
RESPONSE_RECORDED = "recorded the response"
SETTINGS_CHANGED = "changed settings"
DUPLICATED = "duplicated"
DELETED = "deleted draft"


def record(
    organisation: Organisation,
    actor: User | AnonymousUser | None,
    action: str,
    subject: models.Model | None = None,
    **detail: Any,
) -> AuditEntry:
    """Write one audit entry about `subject` (a letter, a motion, or nothing).
    `detail` must be JSON-serialisable and hold no signer emails."""
    user = actor if isinstance(actor, User) else None
    return AuditEntry.objects.create(
        organisation=organisation,
        actor=user,
        action=action,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        subject_label=str(subject)[:200] if subject is not None else "",
        detail=detail,
    )
