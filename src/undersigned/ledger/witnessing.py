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
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, F, Max, OuterRef

from undersigned.ledger import merkle, notes, tiles
from undersigned.ledger.cosignatures import CosignatureError, Witness
from undersigned.ledger.models import Checkpoint, Cosignature, Log

log = logging.getLogger(__name__)

LOGS_PER_RUN = 100  # per witness, so one run stays short with thousands of letters
MAX_BACKOFF = 3600.0
SIZE_TYPE = "text/x.tlog.size"

# (witness name, log id or None for the whole witness) -> (monotonic time before which not
# to try, last delay): a witness that is down, or refuses a log (unknown origin, bad
# signature), is asked again less and less often. Per worker process.
_backoff: dict[tuple[str, int | None], tuple[float, float]] = {}


class WitnessError(Exception):
    """The witness did not cosign; str() says why."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    content_type: str


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
                if isinstance(problem.__cause__, OSError):
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
        key_id=witness.id.hex(),
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
            checkpoint__log=ledger, witness=witness.name, key_id=witness.id.hex()
        ).aggregate(size=Max("checkpoint__size"))["size"]
        or 0
    )
    answer = _post(witness, ledger, checkpoint, min(old, checkpoint.size))
    if answer.status == 409 and answer.content_type.startswith(SIZE_TYPE):
        known = _size(answer.body)
        if known > checkpoint.size:
            raise WitnessError(
                f"it cosigned size {known}, larger than the log's latest checkpoint "
                f"({checkpoint.size}): the log may have been rolled back"
            )
        answer = _post(witness, ledger, checkpoint, known)
    if answer.status != 200:
        raise WitnessError(f"HTTP {answer.status}: {answer.body.strip()[:200]}")
    return _store(witness, checkpoint, answer.body)


def _post(witness: Witness, ledger: Log, checkpoint: Checkpoint, old: int) -> Answer:
    proof: list[bytes] = []
    if 0 < old < checkpoint.size:
        node = tiles.tile_node(tiles.db_reader(ledger))
        proof = merkle.consistency_proof(node, old, checkpoint.size)
    lines = [f"old {old}"] + [b64encode(node).decode() for node in proof]
    body = ("\n".join(lines) + "\n\n" + checkpoint.note).encode()
    request = urllib.request.Request(  # noqa: S310 (Witness.parse allows only http(s))
        witness.url + "/add-checkpoint",
        data=body,
        method="POST",
        headers={"User-Agent": "undersigned", "Content-Type": "text/plain; charset=utf-8"},
    )
    timeout = settings.LEDGER_WITNESS_TIMEOUT
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return Answer(
                response.status,
                response.read(64 * 1024).decode("utf-8", "replace"),
                response.headers.get("Content-Type", ""),
            )
    except urllib.error.HTTPError as error:
        return Answer(
            error.code,
            error.read(64 * 1024).decode("utf-8", "replace"),
            error.headers.get("Content-Type", ""),
        )
    except (urllib.error.URLError, OSError) as error:
        raise WitnessError(f"unreachable: {error}") from error


def _size(body: str) -> int:
    text = body.strip()
    if not text.isdigit() or text != str(int(text)):
        raise WitnessError(f"409 with a malformed size: {text[:40]!r}")
    return int(text)


def _store(witness: Witness, checkpoint: Checkpoint, body: str) -> int:
    """Keep the witness's lines that are its cosignature on this checkpoint (the
    protocol lets a witness answer with several keys' lines: others are ignored)."""
    text = notes.checkpoint_text(checkpoint.note)
    found = None
    for line in body.splitlines():
        try:
            found = (witness.verify(text, line), line)
            break
        except CosignatureError:
            continue
    if found is None:
        raise WitnessError("its answer holds no valid cosignature by its key")
    timestamp, line = found
    try:
        with transaction.atomic():
            Cosignature.objects.create(
                checkpoint=checkpoint,
                witness=witness.name,
                key_id=witness.id.hex(),
                timestamp=timestamp,
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
