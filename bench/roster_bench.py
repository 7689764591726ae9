"""Roster import benchmark: 500,000 rows, then a re-import that changes some and drops some.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_rosters \
        PYTHONPATH=src:. python bench/roster_bench.py [ROWS]

Without DATABASE_URL it uses a throwaway SQLite file. Prints rows, seconds and peak RSS (the
process's maximum resident set size, which includes Django itself)."""

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-0123456789abcdef0123456789abcdef")
os.environ.setdefault("TASKS_BACKEND", "immediate")
workdir = Path(tempfile.mkdtemp(prefix="roster-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
os.environ.setdefault("VAR_DIR", str(workdir))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from undersigned.accounts.models import Branch, Organisation, Region  # noqa: E402
from undersigned.members import roster  # noqa: E402
from undersigned.members.models import RosterEntry  # noqa: E402

BRANCHES = 200


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_csv(path: Path, rows: int, *, changed: float = 0.0, dropped: float = 0.0) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        out.write("\ufeffmembership_number;email;branch;postcode;status;name\n")
        for n in range(rows):
            if dropped and rng.random() < dropped:
                continue
            branch = n % BRANCHES
            if changed and rng.random() < changed:
                branch = (branch + 1) % BRANCHES
            out.write(
                f"M{n:07d};member{n}@example.org;b{branch:03d};SW{n % 20} {n % 9}AB;active;"
                f"Member Number {n}\n"
            )


def run(org: Organisation, path: Path, label: str) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as binary:
        result = roster.import_roster(org, binary, source=path.name)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.ok, [str(p) for p in result.problems.first[:5]]
    print(
        f"{label}: rows={result.rows} seconds={seconds:.1f} (cpu {cpu:.1f}) "
        f"peak_rss_mb={peak_mb():.0f}"
    )
    print(f"  {result.summary()}")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
    call_command("migrate", verbosity=0)
    Organisation.objects.filter(slug="roster-bench").delete()
    org = Organisation.objects.create(slug="roster-bench", name="Roster bench")
    regions = [
        Region.objects.create(organisation=org, code=f"r{i}", name=f"R{i}") for i in range(10)
    ]
    Branch.objects.bulk_create(
        Branch(organisation=org, region=regions[i % 10], code=f"b{i:03d}", name=f"Branch {i}")
        for i in range(BRANCHES)
    )
    first, second = workdir / "first.csv", workdir / "second.csv"
    write_csv(first, rows)
    write_csv(second, rows, changed=0.05, dropped=0.01)
    print(
        f"database: {django.db.connection.vendor}; load average {os.getloadavg()[0]:.1f}; "
        f"before import peak_rss_mb={peak_mb():.0f}"
    )
    run(org, first, "first import")
    run(org, second, "re-import (5% moved branch, 1% dropped)")
    print(f"entries: {RosterEntry.objects.filter(organisation=org).count()}")
    with connection.cursor() as cursor:  # one statement, not Django's collector
        cursor.execute("DELETE FROM members_rosterentry WHERE organisation_id = %s", [org.pk])
    Branch.objects.filter(organisation=org).delete()
    Region.objects.filter(organisation=org).delete()
    org.delete()


if __name__ == "__main__":
    main()
