"""The only way other apps put something in a letter's log."""

from undersigned.ledger.models import PendingEvent


def record(
    letter_id: int,
    kind: str,
    *,
    signature_id: int | None = None,
    version: int | None = None,
    reason: str = "",
) -> None:
    """Queue an event for the sequencer. Call inside the transaction that makes the change."""
    PendingEvent.objects.create(
        letter_id=letter_id, kind=kind, signature_id=signature_id, version=version, reason=reason
    )
