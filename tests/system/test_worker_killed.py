"""The worker is killed (SIGKILL) while sending confirmation emails, then started again:
every pending email is sent, none is lost, and none is sent twice except the one in hand at
the kill (the retry rule: a task whose worker died runs again, see ops/heartbeat.py)."""

import asyncio
import os
import signal
from collections import Counter
from typing import Any

from aiosmtpd.controller import Controller

from tests.smtp import Inbox, free_port
from tests.system.harness import Cluster, Signer, site, wait_for
from tests.system.harness import free_port as free_app_port

SIGNERS = 12


class SlowInbox(Inbox):
    """Keeps each message, then takes a while to say so: a worker killed now has handed the
    email over but not heard back, the case where a retry sends it twice."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        answer: str = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(0.4)
        return answer


def test_a_killed_worker_loses_no_email_and_repeats_at_most_the_one_in_hand(
    cluster: Cluster, database: str
) -> None:
    mailbox = SlowInbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port)}
    try:
        with site(cluster.url(database), **env) as installed:
            port = free_app_port()
            installed.serve(port)
            emails = [f"queued{n:02d}@example.org" for n in range(SIGNERS)]
            for email in emails:
                assert Signer(f"http://127.0.0.1:{port}").sign(email).status_code == 202

            worker = installed.worker("worker-1")
            wait_for("a few emails", lambda: len(mailbox.messages) >= 3, 60, every=0.05)
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
            sent_before = len(mailbox.messages)
            assert sent_before < SIGNERS, "the worker finished before it could be killed"

            installed.worker("worker-2")
            wanted = set(emails)
            wait_for(
                "every confirmation email",
                lambda: wanted <= {m["To"] for m in mailbox.messages},
                90,
            )
            wait_for(
                "the queue to empty",
                lambda: (
                    cluster.sql(
                        database,
                        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                        "WHERE status IN ('READY', 'RUNNING')",
                    )
                    == "0"
                ),
                30,
            )
            statuses = cluster.sql(
                database,
                "SELECT string_agg(DISTINCT status, ',') FROM django_tasks_database_dbtaskresult",
            )
            assert statuses == "SUCCESSFUL"
    finally:
        smtp.stop()
    received = Counter(m["To"] for m in mailbox.messages if m["To"] in set(emails))
    assert set(received) == set(emails)  # none lost
    repeats = sum(n - 1 for n in received.values())
    assert repeats <= 1, received  # only the email in hand when the worker died


class VerySlowInbox(Inbox):
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        answer: str = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(2)
        return answer


def test_sigterm_lets_the_worker_finish_the_email_in_hand(cluster: Cluster, database: str) -> None:
    mailbox = VerySlowInbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port)}
    try:
        with site(cluster.url(database), **env) as installed:
            port = free_app_port()
            installed.serve(port)
            assert Signer(f"http://127.0.0.1:{port}").sign("next@example.org").status_code == 202
            worker = installed.worker()
            wait_for("the email to be in hand", lambda: mailbox.messages, 60, every=0.05)
            os.kill(worker.pid, signal.SIGTERM)
            assert worker.wait(30) == 0
            # The task in hand (the first queued: the demo's milestone email) finished and
            # was recorded; nothing was left running; the next one waits for a worker.
            statuses = cluster.sql(
                database,
                "SELECT string_agg(status, ',' ORDER BY status) "
                "FROM django_tasks_database_dbtaskresult",
            )
            assert statuses == "READY,SUCCESSFUL"
            assert cluster.sql(database, "SELECT count(*) FROM ops_workerheartbeat") == "0"
    finally:
        smtp.stop()
    assert len(mailbox.messages) == 1
