"""Two app servers on one database, one worker: signers alternate between the servers; the
count is exact, the signing limit is shared through Redis, and the log is one consistent
sequence of checkpoints."""

import json
import os
import re
from pathlib import Path

import pytest
import redis
import requests

from tests.smtp import Inbox
from tests.system.harness import (
    DEMO,
    Cluster,
    Signer,
    count_json,
    free_port,
    settled,
    site,
    wait_for,
)

REDIS_URL = "redis://127.0.0.1:6379/11"
LIMIT = 10  # signing attempts per network per window, shared by every process
SIGNERS = 14


def redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("UNDERSIGNED_REQUIRE_SERVICES", "").lower() == "true":
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (the shared limit needs it)")
    return client


def test_two_servers_share_one_count_one_limit_and_one_log(
    cluster: Cluster, database: str, inbox: tuple[Inbox, int], tmp_path: Path
) -> None:
    redis_or_skip().flushdb()  # db 11: this test's limits start empty
    mailbox, smtp_port = inbox
    env = {
        "REDIS_URL": REDIS_URL,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "SIGN_LIMIT_PER_NETWORK": str(LIMIT),
        "METRICS_ENABLED": "true",
    }
    with site(cluster.url(database), **env) as installed:
        ports = [free_port(), free_port()]
        for port in ports:
            installed.serve(port)
        installed.worker()
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        before = count_json(bases[0])["count"]

        accepted, refused = [], []
        for n in range(SIGNERS):
            email = f"signer{n:02d}@example.org"
            response = Signer(bases[n % 2]).sign(email)
            (accepted if response.status_code == 202 else refused).append((email, response))
        # Each server runs two gunicorn workers: a per-process limit would have let all in.
        assert len(accepted) == LIMIT, [r.status_code for _, r in refused]
        assert all(r.status_code == 429 for _, r in refused)
        assert all(r.json()["error"] == "rate_limited" for _, r in refused)

        verify_state = tmp_path / "state"
        for n, (email, _) in enumerate(accepted):
            link = wait_for(
                f"confirmation email to {email}",
                lambda email=email: _link(mailbox, email),
            )
            # Confirm on the other server than the one signed on.
            confirmed = Signer(bases[(n + 1) % 2]).confirm(link)
            assert confirmed.status_code == 200, confirmed.text
            if n == LIMIT // 2:
                wait_for("the log to catch up", lambda: settled(bases[0]), 30)
                installed.run("verify", f"{bases[0]}/l/{DEMO}/", "--state", str(verify_state))

        final = wait_for("the log to catch up", lambda: settled(bases[1]), 30)
        assert final["count"] == before + LIMIT
        assert count_json(bases[0]) == final | {"checkpoint": count_json(bases[0])["checkpoint"]}
        # Proves the final log extends the checkpoint seen half way, through the other server
        # (the state is kept per URL: a reader who checked one server checks the other).
        # (`--state` names a file here: the directory did not exist before the first run.)
        memory = (
            verify_state
            if verify_state.is_file()
            else verify_state / "undersigned-verify-state.json"
        )
        data = json.loads(memory.read_text())
        data["logs"][f"{bases[1]}/l/{DEMO}/"] = data["logs"][f"{bases[0]}/l/{DEMO}/"]
        memory.write_text(json.dumps(data))
        out = installed.run("verify", f"{bases[1]}/l/{DEMO}/", "--state", str(verify_state))
        assert "Consistent with the checkpoint remembered" in out
        assert f"replays to {before + LIMIT} signatures" in out

        # The demo letter's log (the demo's motion has a log of its own).
        letter_log = f"origin LIKE '%/l/{DEMO}%'"
        assert cluster.sql(database, f"SELECT count(*) FROM ledger_log WHERE {letter_log}") == "1"
        sizes = cluster.sql(
            database,
            "SELECT string_agg(c.size::text, ',' ORDER BY c.id) FROM ledger_checkpoint c "
            f"JOIN ledger_log l ON l.id = c.log_id WHERE l.{letter_log}",
        ).split(",")
        numbers = [int(size) for size in sizes]
        assert numbers == sorted(set(numbers)), "checkpoints out of order or repeated"
        assert numbers[-1] == final["tree_size"]

        # Metrics add up over each server's gunicorn workers (multiprocess mode).
        for base in bases:
            text = requests.get(f"{base}/metrics", timeout=10).text
            signed = re.search(
                r'undersigned_http_requests_total\{method="POST",status="202",view="api-v1:\w+"\} '
                r"([\d.]+)",
                text,
            )
            assert signed and float(signed.group(1)) == LIMIT / 2, text[:2000]
            assert f'undersigned_signatures{{state="confirmed"}} {final["count"]}.0' in text


def _link(mailbox: Inbox, email: str) -> str | None:
    try:
        return mailbox.link(email, "confirm")
    except AssertionError:
        return None
