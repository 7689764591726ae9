"""Asking witnesses to cosign the logs' checkpoints (C2SP tlog-witness add-checkpoint), run
by the worker's clock (CLOCK_JOBS), never inside the sequencer's transaction: a witness
that is slow or down delays only its own cosignature, never signing.

For each configured witness (LEDGER_WITNESSES) and each log whose latest checkpoint it has
not cosigned, the worker POSTs `old <size>`, a consistency proof from the size that
witness last cosigned, a blank line and the checkpoint. A 409 says the witness remembers
another size: the worker tries once more with a proof from that size. The cosignature
lines that verify are stored (Cosignature) and served after the log's own signature."""

import logging
import time

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, Max, OuterRef

from undersigned.ledger import cosignatures, merkle, notes, tiles
from undersigned.ledger.cosignatures import Conflict, CosignatureError, Witness, WitnessError
from undersigned.ledger.models import Checkpoint, Cosignature, Log

log = logging.getLogger(__name__)

LOGS_PER_RUN = 100  # per witness, so one run stays short with thousands of letters
MAX_BACKOFF = 3600.0

# (witness name, log id or None for the whole witness) -> (monotonic time before which not
# to try, last delay): a witness that is down, or refuses a log (unknown origin, bad
# signature), is asked again less and less often. Per worker process.
_backoff: dict[tuple[str, int | None], tuple[float, float]] = {}


def submit_all() -> int:
    """Submit every log's latest checkpoint to every witness that has not cosigned it;
    returns the number of cosignatures stored."""
    stored = 0
    for witness in settings.LEDGER_WITNESSES:
        if _backing_off(witness.name, None):
            continue
        for ledger in _waiting(witness):
            if _backing_off(witness.name, ledger.pk):
                continue
            try:
                stored += submit(witness, ledger)
            except WitnessError as problem:
                log.warning("witness %s: log %s: %s", witness.name, ledger.origin, problem)
                if problem.status == 0:
                    _back_off(witness.name, None)  # unreachable: leave it be for a while
                    break
                _back_off(witness.name, ledger.pk)
            else:
                _backoff.pop((witness.name, ledger.pk), None)
        else:
            _backoff.pop((witness.name, None), None)
    return stored


def _waiting(witness: Witness) -> list[Log]:
    cosigned = Cosignature.objects.filter(
        checkpoint__log=OuterRef("pk"),
        checkpoint__size=OuterRef("size"),
        witness=witness.name,
        key_id=cosignatures.key_id(witness),
    )
    return list(
        Log.objects.filter(size__gt=0, fault="")
        .exclude(Exists(cosigned))
        .order_by("-updated")[:LOGS_PER_RUN]
    )


def submit(witness: Witness, ledger: Log) -> int:
    """Ask `witness` to cosign the log's latest checkpoint; returns 1 if a cosignature was
    stored, 0 if there was nothing to do. WitnessError if the witness did not cosign."""
    checkpoint = Checkpoint.objects.filter(log=ledger).order_by("-size").first()
    if checkpoint is None:
        return 0
    old = (
        Cosignature.objects.filter(
            checkpoint__log=ledger, witness=witness.name, key_id=cosignatures.key_id(witness)
        ).aggregate(size=Max("checkpoint__size"))["size"]
        or 0
    )
    try:
        lines = _add(witness, ledger, checkpoint, min(old, checkpoint.size))
    except Conflict as conflict:
        if conflict.size > checkpoint.size:
            raise WitnessError(
                f"it cosigned size {conflict.size}, larger than the log's latest checkpoint "
                f"({checkpoint.size}): the log may have been rolled back",
                409,
            ) from None
        try:
            lines = _add(witness, ledger, checkpoint, conflict.size)
        except Conflict as again:
            raise WitnessError(f"409 again, at size {again.size}", 409) from None
    return _store(witness, checkpoint, lines)


def _add(witness: Witness, ledger: Log, checkpoint: Checkpoint, old: int) -> list[str]:
    proof: list[bytes] = []
    if 0 < old < checkpoint.size:
        node = tiles.tile_node(tiles.db_reader(ledger))
        proof = merkle.consistency_proof(node, old, checkpoint.size)
    timeout = settings.LEDGER_WITNESS_TIMEOUT
    return cosignatures.add_checkpoint(witness, checkpoint.note, old, proof, timeout)


def _store(witness: Witness, checkpoint: Checkpoint, lines: list[str]) -> int:
    """Keep the witness's cosignature on this checkpoint (the protocol lets a witness
    answer with several keys' lines: others are ignored)."""
    text = notes.checkpoint_text(checkpoint.note)
    found = None
    for line in lines:
        try:
            found = (cosignatures.timestamp(witness, text, line), line)
            break
        except CosignatureError:
            continue
    if found is None:
        raise WitnessError(f"{witness.name} answered without a valid cosignature", 200)
    when, line = found
    try:
        with transaction.atomic():
            Cosignature.objects.create(
                checkpoint=checkpoint,
                witness=witness.name,
                key_id=cosignatures.key_id(witness),
                timestamp=when,
                line=line,
            )
    except IntegrityError:
        return 0  # another worker stored one first
    return 1


def _backing_off(name: str, log_id: int | None) -> bool:
    until, _ = _backoff.get((name, log_id), (0.0, 0.0))
    return time.monotonic() < until


def _back_off(name: str, log_id: int | None) -> None:
    """Wait 10 s, then twice as long each time it fails again, up to an hour."""
    _, delay = _backoff.get((name, log_id), (0.0, 0.0))
    delay = min(MAX_BACKOFF, max(10.0, delay * 2))
    _backoff[(name, log_id)] = (time.monotonic() + delay, delay)


def latest_cosignatures(subject: models.Model) -> list[Cosignature]:
    """The cosignatures on the latest checkpoint of a subject's log, by witness name."""
    return list(
        Cosignature.objects.filter(
            checkpoint__log__in=Log.objects.of(subject),
            checkpoint__size=F("checkpoint__log__size"),
        ).order_by("witness")
    )
