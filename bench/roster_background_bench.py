"""Background roster import: a file of ROWS members goes through the same path as a large
upload (kept under VAR_DIR, imported by the task in batches, progress beside it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_rosters \\
        PYTHONPATH=src:. python bench/roster_background_bench.py [ROWS]

Without DATABASE_URL it uses a throwaway SQLite file. Prints the file's size, seconds and
the worker process's peak RSS (which includes Django itself)."""

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-0123456789abcdef0123456789abcdef")
os.environ.setdefault("TASKS_BACKEND", "immediate")
workdir = Path(tempfile.mkdtemp(prefix="roster-background-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
os.environ.setdefault("VAR_DIR", str(workdir))

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from undersigned.accounts.models import Branch, Organisation, Region  # noqa: E402
from undersigned.members import imports  # noqa: E402
from undersigned.members.models import RosterEntry, RosterImport  # noqa: E402


def main(rows: int) -> None:
    call_command("migrate", verbosity=0)
    org, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    region, _ = Region.objects.get_or_create(organisation=org, code="r", defaults={"name": "R"})
    Branch.objects.get_or_create(organisation=org, code="b", region=region, defaults={"name": "B"})
    text = io.StringIO()
    text.write("membership_number,email,branch,postcode\n")
    for n in range(rows):
        text.write(f"M{n:07d},member{n}@example.org,b,NE{n % 99} {n % 9}AB\n")
    data = text.getvalue().encode()
    del text
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    job = imports.start(org, SimpleUploadedFile("r.csv", data), dry_run=False, actor=None)
    del data
    imports.run_import.call(job.pk)
    seconds = time.perf_counter() - started
    job = RosterImport.objects.get(pk=job.pk)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{rows} rows, {job.size / 1e6:.1f} MB: {job.state}, {seconds:.1f} s, "
        f"{RosterEntry.objects.filter(organisation=org).count()} entries; "
        f"peak RSS {peak:.0f} MB (before the import {before:.0f} MB)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
