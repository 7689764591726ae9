"""The sequencer: turns queued events into log entries, in batches, and signs a
checkpoint for each new size. Run by the worker's clock about every second; safe when
several workers run it at once (the log row is locked for the whole batch). It knows no
subject: each subject's kind (subjects.py) makes its entries."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from undersigned.ledger import merkle, notes, subjects, tiles
from undersigned.ledger.models import Checkpoint, EntryBundle, Log, PendingEvent, SignEntry, Tile

log = logging.getLogger(__name__)

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
                Log.objects.create(
                    subject_type=subject_type, subject_id=subject.pk, origin=origin, key_name=origin
                )
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
            if ledger.fault:
                return appended  # halted: events wait until an operator repairs the log
            events = list(PendingEvent.objects.filter(**mine).order_by("id")[:batch])
            if not events:
                return appended
            appender, fault = _checked_appender(ledger)
            if appender is None:
                log.error("log %s (%s) halted: %s", ledger.pk, ledger.origin, fault)
                ledger.fault = fault
                ledger.save(update_fields=["fault", "updated"])
                return appended
            batch_of = kind.batch(subject, events, ledger.origin)
            appended += _append(ledger, appender, batch_of, events, notify)
            PendingEvent.objects.filter(pk__in=[event.pk for event in events]).delete()
        if len(events) < batch:
            return appended


def _checked_appender(ledger: Log) -> tuple[tiles.Appender | None, str]:
    """An appender for the log if its stored tree is sound, else None and why not."""
    try:
        appender = tiles.Appender(ledger)
    except (Tile.DoesNotExist, EntryBundle.DoesNotExist):
        return None, "the rightmost tile or entry bundle is missing"
    fault = damage(ledger, appender)
    return (None, fault) if fault else (appender, "")


def damage(ledger: Log, appender: tiles.Appender) -> str:
    """Why the stored tree no longer reproduces the last signed root, or "" if it does.
    Cheap enough for every batch: only what an append reads or extends is checked (the
    rightmost tile of each level and the rightmost entry bundle, O(log n) rows), against
    Log.root and the latest signed checkpoint."""
    if appender.size == 0:
        return ""
    latest = Checkpoint.objects.filter(log=ledger).order_by("-size").first()
    if latest is None:
        return f"the log has {ledger.size} entries but no signed checkpoint"
    try:
        signed = notes.Checkpoint.parse(notes.checkpoint_text(latest.note))
    except notes.NoteError:
        return f"the checkpoint at size {latest.size} is malformed"
    root = bytes(ledger.root)
    if (signed.size, signed.root) != (ledger.size, root):
        return f"the last signed checkpoint (size {signed.size}) does not match the log's root"
    try:
        from_tiles = appender.root()
    except LookupError as problem:
        return f"the hash tiles are incomplete: {problem}"
    if from_tiles != root:
        return "the hash tiles do not reproduce the signed root"
    index = (appender.size - 1) // tiles.WIDTH
    if appender.bundle_width:
        data, hashes = bytes(appender.bundle), bytes(appender.tiles[0])
    else:
        # The last bundle is full: check it against the last full level-0 tile.
        row = ledger.bundles.filter(index=index).values_list("entries", flat=True).first()
        tile = ledger.tiles.filter(level=0, index=index).values_list("hashes", flat=True).first()
        if row is None or tile is None:
            return f"entry bundle or tile {index} is missing"
        data, hashes = bytes(row), bytes(tile)
    try:
        expected = b"".join(merkle.hash_leaf(entry) for entry in tiles.split_bundle(data))
    except ValueError:
        expected = b""
    if expected != hashes:
        return f"the last entry bundle ({index}) does not match its tile"
    return ""


def _append(
    ledger: Log,
    appender: tiles.Appender,
    batch: subjects.Batch,
    events: list[PendingEvent],
    notify: bool,
) -> int:
    fresh: dict[int, SignEntry] = {}  # counted entries appended in this batch
    changed: dict[int, bool] = {}  # older counted entries whose state changed
    final: set[int] = set()  # counted entries that can never count again
    logged: dict[int, int] = {}  # item id -> index of its new counted entry
    before = appender.size
    for event in events:
        entry = batch.entry(event, logged)
        if entry is None:
            continue
        if entry.ref is not None and entry.counted and _is_final(ledger, entry.ref, final, fresh):
            log.error("event %s would count entry %s again after a withdrawal: skipped",
                      event.pk, entry.ref)  # fmt: skip
            continue
        index = appender.append(entry.data)
        if entry.counts:
            if event.item_id is not None:
                logged[event.item_id] = index
            fresh[index] = SignEntry(log=ledger, index=index, counted=True)
            ledger.logged_count += 1
        elif entry.ref is not None:
            ref, now = entry.ref, entry.counted
            if entry.final:
                final.add(ref)
            was: bool | None
            if ref in fresh:
                was = fresh[ref].counted
                fresh[ref].counted = now
                fresh[ref].final = fresh[ref].final or entry.final
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
    SignEntry.objects.filter(log=ledger, index__in=final - fresh.keys()).update(final=True)
    ledger.size = appender.size
    ledger.root = appender.root()
    ledger.save(update_fields=["size", "root", "logged_count", "updated"])
    checkpoint = notes.Checkpoint(ledger.origin, ledger.size, ledger.root)
    note = notes.sign_checkpoint(checkpoint, ledger.key_name)
    Checkpoint.objects.create(log=ledger, size=ledger.size, note=note)
    # In this transaction: with the database task backend, whatever the kind queues
    # (receipt emails) is queued only if the entries commit.
    batch.appended(logged, notify)
    return appender.size - before


def _is_final(ledger: Log, ref: int, final: set[int], fresh: dict[int, SignEntry]) -> bool:
    if ref in final:
        return True
    if ref in fresh:
        return False
    return SignEntry.objects.filter(log=ledger, index=ref, final=True).exists()
