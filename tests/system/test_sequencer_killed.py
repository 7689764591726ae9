"""The sequencer is killed (SIGKILL of its worker) in the middle of appending a large backlog
to a log; after a restart (of two workers, racing for the log) the next checkpoint is
consistent with the last one published before the kill, and the whole log verifies."""

import json
import os
import signal
from pathlib import Path

import requests

from tests.system.harness import (
    DEMO,
    Cluster,
    count_json,
    free_port,
    settled,
    site,
    wait_for,
)

BACKLOG = 1500  # more than one of the sequencer's batches of 1000

# Confirmed signatures whose `sign` events wait for the log, as a burst of confirmations
# would leave them; written in one statement so the test does not wait for 2,500 requests.
BURST = f"""
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from undersigned.ledger.models import PendingEvent
from undersigned.letters.models import Letter, Signature
letter = Letter.objects.get(slug="{DEMO}")
signatures = Signature.objects.bulk_create(
    Signature(letter=letter, name=f"Burst {{n}}", email=f"burst{{n}}@example.org",
              status="confirmed", version=letter.version, display="full")
    for n in range({BACKLOG})
)
letter_type = ContentType.objects.get_for_model(Letter)
PendingEvent.objects.bulk_create(
    PendingEvent(subject_type=letter_type, subject_id=letter.pk, kind="sign", item_id=s.pk)
    for s in signatures
)
Letter.objects.filter(pk=letter.pk).update(confirmed_count=F("confirmed_count") + {BACKLOG})
"""


def test_after_a_kill_mid_append_the_log_extends_the_last_checkpoint(
    cluster: Cluster, database: str, tmp_path: Path
) -> None:
    # Receipts go to the console: this test is about the log, not the mail.
    with site(cluster.url(database)) as installed:
        port = free_port()
        installed.serve(port)
        base = f"http://127.0.0.1:{port}"
        start = count_json(base)
        installed.run("shell", "-c", BURST)

        worker = installed.worker("worker-1")
        wait_for(
            "the first batch to be logged",
            lambda: count_json(base)["tree_size"] > start["tree_size"],
            90,
            every=0.05,
        )
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
        at_kill = count_json(base)
        assert at_kill["pending"] > 0, "the sequencer finished before it could be killed"

        # The last checkpoint published before the kill, remembered as a verifier would.
        note = requests.get(f"{base}/l/{DEMO}/log/checkpoint", timeout=10).text
        state = tmp_path / "state"
        state.mkdir()
        vkey = requests.get(f"{base}/.well-known/undersigned/vkey", timeout=10).text.strip()
        remembered = {"origin": note.splitlines()[0], "key": vkey, "note": note}
        (state / "undersigned-verify-state.json").write_text(
            json.dumps(
                {"format": "undersigned-verify-state/1", "logs": {f"{base}/l/{DEMO}/": remembered}}
            )
        )
        killed_size = int(note.splitlines()[1])
        assert killed_size == at_kill["tree_size"]

        # Two workers now: both run the sequencer, one at a time per log (its row lock).
        installed.worker("worker-2")
        installed.worker("worker-3")
        final = wait_for("the log to catch up", lambda: settled(base), 120, every=0.5)
        assert final["count"] == start["count"] + BACKLOG
        assert final["tree_size"] == start["tree_size"] + BACKLOG
        out = installed.run("verify", f"{base}/l/{DEMO}/", "--state", str(state))
        assert f"(size {killed_size})" in out
        assert f"replays to {final['count']} signatures; the page shows {final['count']}" in out
        # Every burst signature was logged exactly once.
        logged = cluster.sql(
            database,
            "SELECT count(DISTINCT log_index), count(*) FROM letters_signature "
            "WHERE email LIKE 'burst%'",
        )
        assert logged == f"{BACKLOG}|{BACKLOG}"
