"""A log written by the code before the ledger served any subject (see
tests/fixtures/pre_layers/README.md) still verifies after today's migrations: its
origin, entries, checkpoints and count are kept byte for byte, and an event it had queued
is still sequenced."""

import gzip
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.smtp import free_port

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pre_layers"
URL = "http://127.0.0.1:{port}/l/solidarity-with-sam/"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "undersigned", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_log_made_before_the_layers_change_still_verifies(tmp_path: Path) -> None:
    with (
        gzip.open(FIXTURE / "undersigned.sqlite3.gz") as old,
        open(tmp_path / "undersigned.sqlite3", "wb") as new,
    ):
        shutil.copyfileobj(old, new)
    shutil.copy(FIXTURE / "ledger_signing_key", tmp_path / "ledger_signing_key")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")
    }
    env |= {
        "VAR_DIR": str(tmp_path),
        "DEBUG": "true",
        "LEDGER_ORIGIN_HOST": "fixture.example",
        "BASE_URL": f"http://127.0.0.1:{port}",
    }
    migrated = _run(env, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    # The fixture left one removal queued: the new sequencer logs it (123 -> 124 entries).
    sequenced = _run(
        env,
        "shell",
        "-c",
        "from undersigned.ledger import sequencer; print(sequencer.sequence_all(notify=False))",
    )
    assert sequenced.stdout.strip().endswith("1"), sequenced.stdout + sequenced.stderr

    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "undersigned.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env | {"DJANGO_SETTINGS_MODULE": "undersigned.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = URL.format(port=port)
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        verified = _run(env, "verify", url)
    finally:
        server.terminate()
        server.wait(10)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "fixture.example/l/solidarity-with-sam has 124 entries" in verified.stdout
    assert "The log replays to 117 signatures; the page shows 117." in verified.stdout
