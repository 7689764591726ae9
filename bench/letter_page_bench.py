"""How the public letter page behaves with a million confirmed signatures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_letters \\
        .venv/bin/python bench/letter_page_bench.py [--rows 1000000]

Creates a scratch database (SQLite in a temporary directory unless DATABASE_URL is set; the
PostgreSQL database is created and dropped), fills one letter with N confirmed signatures,
then times the first page, a deep page (keyset cursor) and the home page, and prints the
number of SQL queries per page and whether any of them counts rows.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="undersigned-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        run(args, connection, CaptureQueriesContext)
    finally:
        runner.teardown_databases(old)


def run(args, connection, capture) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from tests.base import make_letter, make_org
    from undersigned.letters.models import Signature

    letter = make_letter(make_org())
    start = time.perf_counter()
    now = datetime.now(UTC)
    batch = 20_000
    for offset in range(0, args.rows, batch):
        Signature.objects.bulk_create(
            Signature(
                letter=letter,
                name=f"Signer {i}",
                email=f"s{i}@example.org",
                status="confirmed",
                confirmed_at=now - timedelta(seconds=i),
                display="hidden" if i % 5 == 0 else "full",
                commit_salt="",
                display_salt="",
            )
            for i in range(offset, min(offset + batch, args.rows))
        )
    letter.confirmed_count = args.rows
    letter.save()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE letters_signature")
        else:
            cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: inserted {args.rows:,} signatures in "
        f"{time.perf_counter() - start:.1f} s"
    )

    client = Client()
    deep = client.get(f"/l/{letter.slug}/")
    for _ in range(50):  # walk 50 pages deep through the keyset cursor
        deep = client.get(f"/l/{letter.slug}/?after={deep.context['next_cursor']}")
    cursor_50 = deep.context["next_cursor"]
    for label, url in [
        ("letter page", f"/l/{letter.slug}/"),
        ("page 51 (keyset)", f"/l/{letter.slug}/?after={cursor_50}"),
        ("home page", "/"),
    ]:
        timings = []
        for _ in range(args.repeat):
            with capture(connection) as queries:
                t = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200
        counts = [q for q in queries if "COUNT(" in q["sql"].upper()]
        print(
            f"  {label:18} median {statistics.median(timings):7.1f} ms  "
            f"max {max(timings):7.1f} ms  {len(queries)} queries  "
            f"{'COUNT(*) used!' if counts else 'no COUNT(*)'}"
        )


if __name__ == "__main__":
    main()
