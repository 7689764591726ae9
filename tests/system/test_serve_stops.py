"""`undersigned serve` stops as a service manager expects: on SIGTERM or SIGINT the request
in hand is answered, then gunicorn, its workers and the task worker all exit and the port
is free."""

import json
import os
import signal
import socket
import time
from pathlib import Path

import pytest
import requests

from tests.system.harness import DEMO, Cluster, free_port, port_free, site, wait_for


def descendants(pid: int) -> set[int]:
    """Every process whose parent chain leads to pid (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_finishes_the_request_in_hand_then_everything_exits(
    cluster: Cluster, database: str, signum: int
) -> None:
    with site(cluster.url(database)) as installed:
        port = free_port()
        # serve with its own worker, as `make run` and a one-machine install run it.
        serve = installed.start(
            f"serve-{port}",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
            BASE_URL=f"http://127.0.0.1:{port}",
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(4):  # every gunicorn worker has loaded the app
            wait_for("serve", lambda: requests.get(f"{base}/healthz", timeout=5).ok, 60)
        wait_for("all children", lambda: len(descendants(serve.pid)) >= 4, 30)
        children = descendants(serve.pid)  # gunicorn, its 2 workers, the task worker

        # A request in flight: headers sent, body still coming when the signal arrives.
        body = json.dumps(
            {"name": "Late Signer", "email": "late@example.org", "display": "full", "consent": True}
        ).encode()
        with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
            conn.sendall(
                f"POST /api/v1/letters/{DEMO}/signatures HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n".encode()
                + body[:10]
            )
            time.sleep(0.5)
            os.kill(serve.pid, signum)
            time.sleep(1)
            conn.sendall(body[10:])
            answer = conn.recv(4096).decode()
        assert answer.startswith("HTTP/1.1 202"), answer

        assert serve.wait(30) == 0
        wait_for("children to exit", lambda: not any(alive(pid) for pid in children), 15)
        assert port_free(port)
        query = "SELECT count(*) FROM letters_signature WHERE email = 'late@example.org'"
        assert cluster.sql(database, query) == "1"
