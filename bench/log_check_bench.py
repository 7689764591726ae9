"""What the sequencer's check of the stored tree costs before each batch (audit finding 2):
build one letter's log of N entries, then time `sequencer.damage()` (reading the rightmost
tiles and the last entry bundle, recomputing the root) and a batch of sign events.

    PYTHONPATH=src:. .venv/bin/python bench/log_check_bench.py [--entries N]

SQLite in a temporary directory by default; set DATABASE_URL for PostgreSQL (a throwaway
database: the bench letter and its log are left in it)."""

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="log-check-bench-"))
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdef0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from undersigned.accounts.models import Organisation  # noqa: E402
from undersigned.ledger import entries, events, notes, sequencer, tiles  # noqa: E402
from undersigned.ledger.models import Checkpoint, Log  # noqa: E402
from undersigned.letters import log as letter_log  # noqa: E402
from undersigned.letters.models import Letter, Signature  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    (Path(os.environ["VAR_DIR"]) / "static").mkdir(exist_ok=True)
    org, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    Letter.objects.filter(slug="log-check-bench").delete()
    letter = Letter.objects.create(
        organisation=org, slug="log-check-bench", title="Bench", body="x", status="open"
    )
    origin = letter_log.origin(letter.slug)
    log = Log.objects.create(subject=letter, origin=origin, key_name=origin)
    rng = random.Random(1)
    stamp = letter.created
    with transaction.atomic():
        appender = tiles.Appender(log)
        appender.append(entries.text_entry(1, "x", stamp))
        for _ in range(args.entries - 1):
            appender.append(
                entries.sign_entry(version=1, commitment=rng.randbytes(32).hex(), member="yes",
                                   branch="b", display=rng.randbytes(32).hex(), moment=stamp)
            )  # fmt: skip
        appender.save()
        log.size, log.root = appender.size, appender.root()
        log.save()
        note = notes.sign_checkpoint(notes.Checkpoint(origin, log.size, log.root), origin)
        Checkpoint.objects.create(log=log, size=log.size, note=note)
    print(f"database: {connection.vendor}; log of {log.size:,} entries")

    timings = []
    for _ in range(200):
        started = time.perf_counter()
        fault = sequencer.damage(log, tiles.Appender(log))
        timings.append(time.perf_counter() - started)
        assert fault == "", fault
    print(
        f"Appender + damage(): median {statistics.median(timings) * 1000:.2f} ms, "
        f"p95 {sorted(timings)[189] * 1000:.2f} ms (200 runs)"
    )
    started = time.perf_counter()
    for _ in range(200):
        tiles.Appender(log)
    print(f"Appender alone: {(time.perf_counter() - started) / 200 * 1000:.2f} ms")

    signatures = Signature.objects.bulk_create(
        Signature(letter=letter, name=f"S {n}", email=f"s{n}@example.org", status="confirmed")
        for n in range(args.events)
    )
    for signature in signatures:
        events.record(Letter, letter.pk, "sign", item_id=signature.pk)
    started = time.perf_counter()
    appended = sequencer.sequence(letter, notify=False)
    elapsed = time.perf_counter() - started
    print(f"sequenced {appended:,} sign events in {elapsed:.2f} s (one batch, check included)")


if __name__ == "__main__":
    main()
