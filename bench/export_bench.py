"""Stream a CSV export of 1,000,000 signatures and report rows, seconds and peak memory.

    PYTHONPATH=src:. python bench/export_bench.py [--rows N] [--private]

Uses DATABASE_URL if set (e.g. postgres://postgres@127.0.0.1:5432/bench), else an SQLite
file in var/bench/. The rows are inserted once (in a separate process) and reused; the
export then runs in a fresh process, so its peak RSS is the export's alone."""

import argparse
import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

SLUG = "bench-export"


def setup_django() -> None:
    os.environ.setdefault("VAR_DIR", str(Path("var/bench").resolve()))
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-0123456789abcdefghijkl")
    os.environ.setdefault("DEBUG", "false")  # DEBUG keeps a log of every query
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def populate(rows: int) -> None:
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from undersigned.accounts.models import Branch, Organisation, Region
    from undersigned.letters.models import Letter, Signature

    call_command("migrate", verbosity=0)
    org, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    region, _ = Region.objects.get_or_create(organisation=org, code="r", defaults={"name": "R"})
    branches = [
        Branch.objects.get_or_create(
            organisation=org, code=f"b{i}", defaults={"name": f"Branch {i}", "region": region}
        )[0]
        for i in range(20)
    ]
    letter, _ = Letter.objects.get_or_create(
        slug=SLUG, defaults={"organisation": org, "title": "Bench", "body": "x", "status": "open"}
    )
    have = letter.signatures.count()
    if have >= rows:
        print(f"{have} signatures already in place")
        return
    started = time.monotonic()
    # Raw executemany: bulk_create builds a model per row and managed ~1,000 rows/s here.
    template = Signature(
        letter=letter,
        name="",
        email="",
        region=region,
        status="confirmed",
        confirmed_at=timezone.now(),
        commit_salt="",
        display_salt="",
    )
    fields = [f for f in Signature._meta.concrete_fields if f.column != "id"]
    base = {f.attname: f.get_db_prep_save(f.pre_save(template, True), connection) for f in fields}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = (
        f"INSERT INTO {Signature._meta.db_table} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    step = 10_000
    for first in range(have, rows, step):
        params = []
        for i in range(first, min(first + step, rows)):
            row = dict(base)
            row["uid"] = uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4()
            row["name"] = "=HYPERLINK(x)" if i % 1000 == 0 else f"Signer Number {i}"
            row["email"] = f"signer{i}@example.org"
            row["role"] = "Steward" if i % 3 else ""
            row["branch_id"] = branches[i % 20].pk
            params.append([row[f.attname] for f in fields])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, params)
        if (first // step) % 20 == 0:
            print(f"  inserted {first + len(params)} ({time.monotonic() - started:.0f} s)")
    letter.confirmed_count = rows
    letter.save(update_fields=["confirmed_count"])
    print(f"inserted {rows - have} signatures in {time.monotonic() - started:.1f} s")


def run_export(private: bool) -> None:
    setup_django()
    from undersigned.letters import export
    from undersigned.letters.models import Letter

    letter = Letter.objects.get(slug=SLUG)
    baseline = peak_rss_mb()
    started = time.monotonic()
    lines = size = 0
    for chunk in export.stream_csv(letter, private=private):
        lines += chunk.count("\n")
        size += len(chunk.encode())
    seconds = time.monotonic() - started
    print(f"rows:          {lines - 1}")
    print(f"bytes:         {size}")
    print(f"seconds:       {seconds:.1f}")
    print(f"rows/second:   {(lines - 1) / seconds:,.0f}")
    print(f"peak RSS:      {peak_rss_mb():.1f} MB (after Django setup: {baseline:.1f} MB)")
    print(f"under 100 MB:  {peak_rss_mb() < 100}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--private", action="store_true", help="the organisers' export")
    parser.add_argument("--step", choices=["populate", "export"])
    args = parser.parse_args()
    if args.step == "populate":
        populate(args.rows)
    elif args.step == "export":
        run_export(args.private)
    else:
        me = [sys.executable, __file__, "--rows", str(args.rows)]
        subprocess.run([*me, "--step", "populate"], check=True)
        subprocess.run(
            [*me, "--step", "export"] + (["--private"] if args.private else []), check=True
        )


if __name__ == "__main__":
    main()
