"""Time the public API and the sharing views in process (Django's test client, so the whole
middleware stack runs but no network): requests per second for the count endpoint with and
without a matching ETag, and milliseconds for the other read endpoints and images.

    PYTHONPATH=src:. python bench/api_bench.py [--rows N]

Uses DATABASE_URL if set (e.g. postgres://postgres@127.0.0.1:5432/bench), else an SQLite
file in var/bench-api/. The signatures are inserted once and reused."""

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

SLUG = "bench-api"


def setup_django() -> None:
    os.environ.setdefault("VAR_DIR", str(Path("var/bench-api").resolve()))
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-0123456789abcdefghijkl")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
    import django

    django.setup()


def populate(rows: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from undersigned.accounts.models import Branch, Organisation, Region
    from undersigned.letters.models import Letter, Signature

    call_command("migrate", verbosity=0)
    org, _ = Organisation.objects.get_or_create(slug="bench-api", defaults={"name": "Bench"})
    region, _ = Region.objects.get_or_create(organisation=org, code="r", defaults={"name": "R"})
    branches = [
        Branch.objects.get_or_create(
            organisation=org, code=f"b{i}", defaults={"name": f"Branch {i}", "region": region}
        )[0]
        for i in range(20)
    ]
    letter, _ = Letter.objects.get_or_create(
        slug=SLUG,
        defaults={
            "organisation": org,
            "title": "A bench letter",
            "body": "x",
            "status": "open",
            "opens_at": timezone.now(),
        },
    )
    have = letter.signatures.count()
    if have >= rows:
        return
    now = timezone.now()
    with transaction.atomic():
        for start in range(have, rows, 5000):
            Signature.objects.bulk_create(
                Signature(
                    letter=letter,
                    name=f"Signer {n}",
                    email=f"s{n}@example.org",
                    branch=branches[n % 20],
                    region=region,
                    status="confirmed",
                    display="hidden" if n % 10 == 0 else "full",
                    confirmed_at=now - timezone.timedelta(seconds=rows - n),
                )
                for n in range(start, min(start + 5000, rows))
            )
        Letter.objects.filter(pk=letter.pk).update(confirmed_count=rows)


def per_second(call: Callable[[], object], seconds: float = 3.0) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        call()
        done += 1
    return done / (time.perf_counter() - start)


def millis(call: Callable[[], object], times: int = 20) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    setup_django()
    populate(rows)
    from django.core.cache import cache
    from django.test import Client

    from undersigned.letters import sharing

    client = Client()
    count = f"/api/v1/letters/{SLUG}/count"
    etag = client.get(count)["ETag"]
    print(f"database: {os.environ.get('DATABASE_URL', 'sqlite')}, {rows} signatures")
    print(f"count, 200:            {per_second(lambda: client.get(count)):8.0f} requests/s")
    print(
        f"count, 304 (ETag):     "
        f"{per_second(lambda: client.get(count, HTTP_IF_NONE_MATCH=etag)):8.0f} requests/s"
    )

    detail = f"/api/v1/letters/{SLUG}"
    cache.clear()
    start = time.perf_counter()
    client.get(detail)
    print(f"letter, group counts uncached: {(time.perf_counter() - start) * 1000:8.1f} ms")
    print(f"letter, cached:                {millis(lambda: client.get(detail)):8.1f} ms")
    people = f"/api/v1/letters/{SLUG}/signatories"
    print(f"signatories, first 100:        {millis(lambda: client.get(people)):8.1f} ms")
    cursor = ""
    for _ in range(rows // 200):  # half way down the list
        cursor = client.get(people, {"after": cursor}).json()["next"] or cursor
    deep = {"after": cursor}
    print(f"signatories, 100 at half way:  {millis(lambda: client.get(people, deep)):8.1f} ms")

    args = ("A bench letter", "Bench", sharing.count_label(rows), "#1d5c8f", "example.org/l/x/")
    drawn = millis(lambda: sharing.render_share_image(*args), 5)
    print(f"share image, drawn:            {drawn:8.1f} ms")
    print(
        f"share image, from the cache:   "
        f"{millis(lambda: client.get(f'/l/{SLUG}/share.png')):8.1f} ms"
    )
    print(
        f"QR code PNG:                   {millis(lambda: client.get(f'/l/{SLUG}/qr.png')):8.1f} ms"
    )
    print(
        f"QR code SVG:                   {millis(lambda: client.get(f'/l/{SLUG}/qr.svg')):8.1f} ms"
    )


if __name__ == "__main__":
    main()
