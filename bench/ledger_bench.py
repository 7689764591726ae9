"""Append 1,000,000 entries to one letter's log, then serve tiles from it.

    PYTHONPATH=src:. /work/main/.venv/bin/python bench/ledger_bench.py [--entries N]

SQLite in a temporary directory by default; set DATABASE_URL for PostgreSQL (its tables
are created with migrate, and the bench letter is deleted at the end). Prints entries per
second, tile requests per second and the peak resident memory of the process."""

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="ledger-bench-"))
os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdef0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from undersigned.ledger import entries, merkle, notes, sequencer, tiles  # noqa: E402
from undersigned.ledger.models import Checkpoint, Log, PendingEvent  # noqa: E402
from undersigned.letters.models import Letter, Signature  # noqa: E402
from undersigned.members.models import Organisation  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--tiles", type=int, default=2_000)
    parser.add_argument("--events", type=int, default=20_000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    (Path(os.environ["VAR_DIR"]) / "static").mkdir(exist_ok=True)
    org, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    Letter.objects.filter(slug="ledger-bench").delete()
    letter = Letter.objects.create(
        organisation=org, slug="ledger-bench", title="Bench", body="x", status="open"
    )
    log = Log.objects.create(letter=letter)
    origin = notes.origin(letter.slug)
    rng = random.Random(1)
    stamp = entries.timestamp(letter.created)
    print(f"database: {connection.vendor}; appending {args.entries:,} entries")

    started = time.perf_counter()
    done = 0
    while done < args.entries:
        count = min(args.batch, args.entries - done)
        with transaction.atomic():
            log = Log.objects.select_for_update().get(pk=log.pk)
            appender = tiles.Appender(log)
            for _ in range(count):
                appender.append(
                    entries.build(
                        [
                            ("kind", "sign"),
                            ("version", 1),
                            ("commit", rng.randbytes(32).hex()),
                            ("member", "yes"),
                            ("branch", "ne-tyneside"),
                            ("display", rng.randbytes(32).hex()),
                            ("time", stamp),
                        ]
                    )
                )
            appender.save()
            log.size, log.root = appender.size, appender.root()
            log.save(update_fields=["size", "root"])
            note = notes.sign_checkpoint(notes.Checkpoint(origin, log.size, log.root))
            Checkpoint.objects.create(log=log, size=log.size, note=note)
        done += count
    elapsed = time.perf_counter() - started
    print(f"appended {done:,} entries in {elapsed:.1f} s: {done / elapsed:,.0f} entries/s")
    print(f"peak RSS after appending: {peak_mb():.0f} MB")

    # Serve tiles through the full Django stack (URL routing, middleware, views).
    client = Client()
    size = log.size
    paths = []
    for _ in range(args.tiles):
        kind = rng.choice(["0", "entries", "1"] if size >= 65536 else ["0", "entries"])
        index = rng.randrange(size // (65536 if kind == "1" else 256))
        paths.append(f"/l/{letter.slug}/log/{tiles.tile_path(kind, index)}")
    started = time.perf_counter()
    served = 0
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code}")
        served += len(response.content)
    elapsed = time.perf_counter() - started
    print(
        f"served {len(paths):,} full tiles and bundles ({served / 1e6:.0f} MB) in {elapsed:.1f} s: "
        f"{len(paths) / elapsed:,.0f} requests/s"
    )

    # A receipt-sized inclusion proof from the stored tiles, checked against the root.
    index = rng.randrange(size)
    started = time.perf_counter()
    node = tiles.tile_node(tiles.db_reader(log))
    proof = merkle.inclusion_proof(node, index, size)
    leaf = node(0, index)
    merkle.verify_inclusion(index, size, leaf, proof, bytes(log.root))
    print(
        f"inclusion proof for entry {index:,}: {len(proof)} hashes in "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    sequence_events(org, args.events)
    print(f"peak RSS: {peak_mb():.0f} MB")
    if connection.vendor != "sqlite":
        Letter.objects.filter(slug__startswith="ledger-bench").delete()


def sequence_events(org: Organisation, count: int) -> None:
    """The whole path for real signatures: queued sign events -> entries, log_index,
    checkpoints (receipt emails off)."""
    Letter.objects.filter(slug="ledger-bench-events").delete()
    letter = Letter.objects.create(
        organisation=org, slug="ledger-bench-events", title="Bench", body="x", status="open"
    )
    signatures = Signature.objects.bulk_create(
        Signature(letter=letter, name=f"S {n}", email=f"s{n}@example.org", status="confirmed")
        for n in range(count)
    )
    PendingEvent.objects.bulk_create(
        PendingEvent(letter=letter, kind="sign", signature=signature) for signature in signatures
    )
    started = time.perf_counter()
    appended = sequencer.sequence(letter.pk, notify=False)
    elapsed = time.perf_counter() - started
    print(
        f"sequenced {appended:,} sign events in {elapsed:.1f} s: {appended / elapsed:,.0f} events/s"
    )


if __name__ == "__main__":
    main()
