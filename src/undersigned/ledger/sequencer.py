"""The sequencer: turns queued events into log entries, in batches, and signs a
checkpoint for each new size. Run by the worker's clock about every second; safe when
several workers run it at once (the log row is locked for the whole batch). It knows no
subject: each subject's kind (subjects.py) makes its entries."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from undersigned.ledger import notes, subjects, tiles
from undersigned.ledger.models import Checkpoint, Log, PendingEvent, SignEntry

BATCH = 1000


def sequence_all(notify: bool = True) -> int:
    """Sequence every subject with queued events; returns the number of entries appended.
    With notify, each kind may tell people what was logged (a signer's receipt)."""
    appended = 0
    waiting = (
        PendingEvent.objects.order_by().values_list("subject_type_id", "subject_id").distinct()
    )
    for type_id, subject_id in list(waiting):
        subject_type = ContentType.objects.get_for_id(type_id)
        appended += _sequence(subject_type, subject_id, BATCH, notify)
    return appended


def sequence(subject: models.Model, batch: int = BATCH, notify: bool = True) -> int:
    """Sequence one subject's queued events."""
    return _sequence(ContentType.objects.get_for_model(subject), subject.pk, batch, notify)


def _log_for(subject_type: ContentType, subject: models.Model) -> None:
    if not Log.objects.filter(subject_type=subject_type, subject_id=subject.pk).exists():
        origin = subjects.kind_of(subject_type).origin(subject)
        try:
            with transaction.atomic():
                Log.objects.create(subject_type=subject_type, subject_id=subject.pk, origin=origin)
        except IntegrityError:
            pass  # another worker created it first


def _sequence(subject_type: ContentType, subject_id: int, batch: int, notify: bool) -> int:
    kind = subjects.kind_of(subject_type)
    subject = kind.model._default_manager.get(pk=subject_id)
    _log_for(subject_type, subject)
    mine = {"subject_type": subject_type, "subject_id": subject_id}
    appended = 0
    while True:
        with transaction.atomic():
            # The lock: one sequencer per log. A second waits here, then sees the events
            # the first consumed as gone. Only the log row is locked (of=self): the
            # subject's row takes counter updates from services that hold other locks.
            ledger = Log.objects.select_for_update(of=("self",)).get(**mine)
            events = list(PendingEvent.objects.filter(**mine).order_by("id")[:batch])
            if not events:
                return appended
            appended += _append(ledger, kind.batch(subject, events, ledger.origin), events, notify)
            PendingEvent.objects.filter(pk__in=[event.pk for event in events]).delete()
        if len(events) < batch:
            return appended


def _append(ledger: Log, batch: subjects.Batch, events: list[PendingEvent], notify: bool) -> int:
    appender = tiles.Appender(ledger)
    fresh: dict[int, SignEntry] = {}  # counted entries appended in this batch
    changed: dict[int, bool] = {}  # older counted entries whose state changed
    logged: dict[int, int] = {}  # item id -> index of its new counted entry
    before = appender.size
    for event in events:
        entry = batch.entry(event, logged)
        if entry is None:
            continue
        index = appender.append(entry.data)
        if entry.counts:
            if event.item_id is not None:
                logged[event.item_id] = index
            fresh[index] = SignEntry(log=ledger, index=index, counted=True)
            ledger.logged_count += 1
        elif entry.ref is not None:
            ref, now = entry.ref, entry.counted
            was: bool | None
            if ref in fresh:
                was = fresh[ref].counted
                fresh[ref].counted = now
            else:
                was = changed.get(ref)
                if was is None:
                    was = (
                        SignEntry.objects.filter(log=ledger, index=ref)
                        .values_list("counted", flat=True)
                        .first()
                    )
                changed[ref] = now
            if was is not None and was != now:
                ledger.logged_count += 1 if now else -1
    if appender.size == before:
        return 0
    appender.save()
    SignEntry.objects.bulk_create(fresh.values(), batch_size=500)
    for index, state in changed.items():
        SignEntry.objects.filter(log=ledger, index=index).update(counted=state)
    ledger.size = appender.size
    ledger.root = appender.root()
    ledger.save(update_fields=["size", "root", "logged_count", "updated"])
    checkpoint = notes.Checkpoint(ledger.origin, ledger.size, ledger.root)
    Checkpoint.objects.create(log=ledger, size=ledger.size, note=notes.sign_checkpoint(checkpoint))
    # In this transaction: with the database task backend, whatever the kind queues
    # (receipt emails) is queued only if the entries commit.
    batch.appended(logged, notify)
    return appender.size - before
