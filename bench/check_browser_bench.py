"""Check a letter with a log of 100,000 entries in Chromium, on the check page, and print
how long the browser took (target: under 30 seconds).

    PYTHONPATH=src:. .venv/bin/python bench/check_browser_bench.py [--entries N] [--port P]

SQLite in a temporary directory; the site runs under gunicorn (2 workers, as a small
deployment would) on 127.0.0.1 (port 8400 by default) and Debian's Chromium
(/usr/bin/chromium) drives the page. Besides the total it prints how long the entry bundles
took to arrive (server and network) and what the browser spent after the last one."""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--entries", type=int, default=100_000)
parser.add_argument("--port", type=int, default=8400)
args = parser.parse_args()
BASE = f"http://127.0.0.1:{args.port}"
VAR = tempfile.mkdtemp(prefix="check-bench-")
ENV = {
    "BASE_URL": BASE,
    "VAR_DIR": VAR,
    "DEBUG": "true",  # static files from the finders, as in development
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdef0123456789",
    "DATABASE_URL": f"sqlite:///{VAR}/bench.sqlite3",
    "DJANGO_SETTINGS_MODULE": "undersigned.settings",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from undersigned.accounts.models import Organisation  # noqa: E402
from undersigned.ledger import entries, notes, tiles  # noqa: E402
from undersigned.ledger.models import Checkpoint, Log  # noqa: E402
from undersigned.letters import log as letter_log  # noqa: E402
from undersigned.letters.models import Letter  # noqa: E402


def build_log(size: int) -> Letter:
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(slug="bench", name="Bench")
    letter = Letter.objects.create(
        organisation=org, slug="check-bench", title="Bench", body="x", status="open"
    )
    rng = random.Random(1)
    now = timezone.now()
    stamp = entries.timestamp(now)
    with transaction.atomic():
        log = Log.objects.create(subject=letter, origin=letter_log.origin(letter.slug))
        appender = tiles.Appender(log)
        appender.append(entries.text_entry(1, "x", now))
        for _ in range(size - 1):
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
        log.size, log.root, log.logged_count = appender.size, appender.root(), size - 1
        log.save()
        note = notes.sign_checkpoint(notes.Checkpoint(log.origin, log.size, log.root))
        Checkpoint.objects.create(log=log, size=log.size, note=note)
        Letter.objects.filter(pk=letter.pk).update(confirmed_count=size - 1)
    return letter


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server did not start at {url}")


def main() -> None:
    base = BASE

    started = time.perf_counter()
    letter = build_log(args.entries)
    print(f"built a log of {args.entries:,} entries in {time.perf_counter() - started:.1f} s")

    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "undersigned.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/l/{letter.slug}/count.json")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page()
            # Room for every request's timing (the default keeps 250).
            page.add_init_script("performance.setResourceTimingBufferSize(10000)")
            started = time.perf_counter()
            page.goto(f"{base}/l/{letter.slug}/check/")
            page.locator("#check-verdict").wait_for(state="visible", timeout=300_000)
            elapsed = time.perf_counter() - started
            heading = page.locator("#check-verdict h2").inner_text()
            bundles = page.evaluate(
                "() => performance.getEntriesByType('resource')"
                ".filter(e => e.name.includes('/tile/entries/'))"
                ".map(e => [e.startTime, e.responseEnd])"
            )
            done = page.evaluate("() => performance.now()")
            browser.close()
        print(heading)
        print(f"checked {args.entries:,} entries in the browser in {elapsed:.1f} s (target < 30 s)")
        if bundles:
            first = min(start for start, _ in bundles)
            last = max(end for _, end in bundles)
            print(
                f"  {len(bundles)} entry bundles arrived over {(last - first) / 1000:.1f} s; "
                f"the browser finished {(done - last) / 1000:.1f} s after the last one"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
