"""The sequencer: turns queued events into log entries, in batches, and signs a
checkpoint for each new size. Run by the worker's clock about every second; safe when
several workers run it at once (the log row is locked for the whole batch)."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from undersigned.ledger import entries, notes, tiles
from undersigned.ledger.models import Checkpoint, Log, PendingEvent, SignEntry
from undersigned.letters import tasks
from undersigned.letters.models import Letter, LetterVersion, Signature

log = logging.getLogger(__name__)

BATCH = 1000


def sequence_all(notify: bool = True) -> int:
    """Sequence every letter with queued events; returns the number of entries appended.
    With notify, each newly logged signer is emailed a receipt."""
    appended = 0
    letter_ids = PendingEvent.objects.order_by().values_list("letter_id", flat=True).distinct()
    for letter_id in list(letter_ids):
        appended += sequence(letter_id, notify=notify)
    return appended


def _log_for(letter_id: int) -> None:
    if not Log.objects.filter(letter_id=letter_id).exists():
        try:
            with transaction.atomic():
                Log.objects.create(letter_id=letter_id)
        except IntegrityError:
            pass  # another worker created it first


def sequence(letter_id: int, batch: int = BATCH, notify: bool = True) -> int:
    _log_for(letter_id)
    appended = 0
    while True:
        with transaction.atomic():
            # The lock: one sequencer per letter. A second waits here, then sees the
            # events the first consumed as gone. Only the log row is locked (of=self): the
            # letter row takes counter updates from services that hold signature locks.
            ledger = (
                Log.objects.select_for_update(of=("self",))
                .select_related("letter")
                .get(letter_id=letter_id)
            )
            events = list(
                PendingEvent.objects.filter(letter_id=letter_id)
                .select_related("signature__branch")
                .order_by("id")[:batch]
            )
            if not events:
                return appended
            appended += _append(ledger, events, notify)
            PendingEvent.objects.filter(pk__in=[event.pk for event in events]).delete()
        if len(events) < batch:
            return appended


def _append(ledger: Log, events: list[PendingEvent], notify: bool) -> int:
    letter = ledger.letter
    origin = notes.origin(letter.slug)
    appender = tiles.Appender(ledger)
    fresh: dict[int, SignEntry] = {}  # sign entries appended in this batch
    changed: dict[int, bool] = {}  # older sign entries whose state changed
    logged: dict[int, Signature] = {}  # signature id -> signature with its new log_index
    before = appender.size
    for event in events:
        if event.signature_id in logged:
            # The same signature signed earlier in this batch: use its new log_index.
            event.signature = logged[event.signature_id]
        entry, ref = _entry(letter, origin, event)
        if entry is None:
            continue
        index = appender.append(entry)
        if event.kind == PendingEvent.Kind.SIGN:
            assert event.signature is not None
            event.signature.log_index = index
            logged[event.signature.pk] = event.signature
            fresh[index] = SignEntry(log=ledger, index=index, counted=True)
            ledger.logged_count += 1
        elif ref is not None:
            now = event.kind == PendingEvent.Kind.RESTORE
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
    Signature.objects.bulk_update(logged.values(), ["log_index"], batch_size=500)
    ledger.size = appender.size
    ledger.root = appender.root()
    ledger.save(update_fields=["size", "root", "logged_count", "updated"])
    checkpoint = notes.Checkpoint(origin, ledger.size, ledger.root)
    Checkpoint.objects.create(log=ledger, size=ledger.size, note=notes.sign_checkpoint(checkpoint))
    if notify:
        # In this transaction: with the database task backend the emails are queued only
        # if the entries commit.
        for signature in logged.values():
            tasks.send_receipt.enqueue(signature.pk)
    return appender.size - before


def _entry(letter: Letter, origin: str, event: PendingEvent) -> tuple[bytes | None, int | None]:
    moment = event.created or timezone.now()
    if event.kind == PendingEvent.Kind.TEXT:
        version = event.version or letter.version
        text = (
            LetterVersion.objects.filter(letter=letter, number=version)
            .values_list("body", flat=True)
            .first()
        )
        if text is None:
            text = letter.body
        return entries.text_entry(version, text, moment), None
    signature = event.signature
    if signature is None:
        log.warning("event %s has no signature: skipped", event.pk)
        return None, None
    if event.kind == PendingEvent.Kind.SIGN:
        return entries.sign_entry(
            version=signature.version,
            commitment=entries.commit(signature.commit_salt, origin, signature.email),
            member=signature.member,
            branch=signature.branch.code if signature.branch else "",
            display=_display(signature),
            moment=moment,
        ), None
    if signature.log_index is None:
        log.warning("event %s refers to a signature that was never logged: skipped", event.pk)
        return None, None
    entry = entries.adjustment_entry(
        event.kind, signature.log_index, moment, event.reason or signature.removal_reason
    )
    return entry, signature.log_index


def _display(signature: Signature) -> str:
    if signature.display == Signature.Display.HIDDEN or not signature.display_salt:
        return ""
    record = entries.display_record(
        signature.name,
        signature.public_role,
        signature.branch.code if signature.branch else "",
    )
    return entries.display_hash(signature.display_salt, record)
