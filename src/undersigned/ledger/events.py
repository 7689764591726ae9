"""The only way other apps put something in a subject's log."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from undersigned.ledger.models import PendingEvent


def record(
    model: type[models.Model],
    subject_id: int,
    kind: str,
    *,
    item_id: int | None = None,
    version: int | None = None,
    reason: str = "",
) -> None:
    """Queue an event for the log of the `model` row `subject_id` (a letter, a motion).
    Call inside the transaction that makes the change."""
    PendingEvent.objects.create(
        subject_type=ContentType.objects.get_for_model(model),
        subject_id=subject_id,
        kind=kind,
        item_id=item_id,
        version=version,
        reason=reason,
    )
