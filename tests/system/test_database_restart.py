"""The database restarts in the middle of a signing run: requests during the outage get 503
with Retry-After and a sentence asking to try again (never a 500), no signature is left
half-written, and the app and the worker recover without being restarted."""

import threading
import time
from typing import Any

import requests

from tests.smtp import Inbox
from tests.system.harness import DEMO, Cluster, Signer, free_port, site, wait_for


def test_requests_during_a_database_restart_get_503_and_the_app_recovers(
    cluster: Cluster, database: str, inbox: tuple[Inbox, int]
) -> None:
    mailbox, smtp_port = inbox
    env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "SIGN_LIMIT_PER_NETWORK": "100000",
        "DATABASE_CONN_MAX_AGE": "60",  # persistent connections, broken by the restart
    }
    with site(cluster.url(database), **env) as installed:
        port = free_port()
        serve = installed.serve(port)
        worker = installed.worker()
        base = f"http://127.0.0.1:{port}"
        signs: list[tuple[str, int, dict[str, Any], str]] = []
        pages: list[tuple[int, str]] = []
        done = threading.Event()

        def signing_run() -> None:
            n = 0
            while not done.is_set() and n < 400:
                email = f"outage{n:03d}@example.org"
                try:
                    response = Signer(base).sign(email)
                    body = response.json() if "json" in response.headers["Content-Type"] else {}
                    signs.append(
                        (email, response.status_code, body, response.headers.get("Retry-After", ""))
                    )
                    page = requests.get(f"{base}/l/{DEMO}/", timeout=10)
                    pages.append((page.status_code, page.text))
                except requests.RequestException as error:
                    signs.append((email, 0, {"exception": str(error)}, ""))
                n += 1
                time.sleep(0.05)

        runner = threading.Thread(target=signing_run, daemon=True)
        runner.start()
        try:
            wait_for("signing under way", lambda: sum(s[1] == 202 for s in signs) >= 5, 60)
            cluster.stop("fast")
            outage_from = len(signs)
            wait_for("requests during the outage", lambda: len(signs) >= outage_from + 5, 60)
            cluster.start()
            back_from = len(signs)
            wait_for(
                "signing to work again",
                lambda: sum(s[1] == 202 for s in signs[back_from:]) >= 5,
                60,
            )
        finally:
            done.set()
            runner.join(30)

        statuses = {status for _, status, _, _ in signs}
        assert statuses <= {202, 503}, [s for s in signs if s[1] not in (202, 503)][:3]
        unavailable = [s for s in signs if s[1] == 503]
        assert unavailable, "no request reached the app during the outage"
        for _, _, body, retry_after in unavailable:
            assert body["error"] == "unavailable"
            assert "try again" in body["message"]
            assert retry_after == "5"
        page_statuses = {status for status, _ in pages}
        assert page_statuses <= {200, 503}
        for status, text in pages:
            if status == 503:
                assert "Briefly unavailable" in text
        assert serve.poll() is None and worker.poll() is None  # recovered without a restart

        # Every accepted signature is there once, its confirmation queued or owed by the row
        # (the worker's clock queues owed ones within a second); nothing else.
        accepted = {email for email, status, _, _ in signs if status == 202}
        rows = set(
            cluster.sql(
                database,
                "SELECT string_agg(email, ',') FROM letters_signature WHERE email LIKE 'outage%'",
            ).split(",")
        )
        assert accepted <= rows <= {email for email, _, _, _ in signs}
        orphans = cluster.sql(
            database,
            "SELECT count(*) FROM letters_signature s WHERE s.email LIKE 'outage%' "
            "AND NOT s.confirmation_owed AND NOT EXISTS (SELECT 1 FROM "
            "django_tasks_database_dbtaskresult t WHERE t.args_kwargs->'args'->>0 = s.id::text)",
        )
        assert orphans == "0"
        # The worker came back too: every accepted signer gets their email.
        wait_for(
            "confirmation emails after the restart",
            lambda: accepted <= {m["To"] for m in mailbox.messages},
            90,
        )
