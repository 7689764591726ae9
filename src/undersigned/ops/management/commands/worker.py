import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils.crypto import get_random_string

from undersigned.lib import clock
from undersigned.ops import heartbeat

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run background work: queued tasks (emails) through django-tasks-db, and the "
        "clock (closing letters, sequencing the log). Several may run at once. SIGTERM or "
        "SIGINT: the task in hand finishes, then the worker exits."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-clock", action="store_true", help="Run queued tasks only.")

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = get_random_string(32)
        stop = threading.Event()
        threads = [
            threading.Thread(target=_beat, args=(worker_id, stop), daemon=True, name="heartbeat")
        ]
        if not options["no_clock"]:
            threads.append(
                threading.Thread(target=clock.run, args=(stop,), daemon=True, name="clock")
            )
        _safely(heartbeat.beat, worker_id)  # before the first claim: readyz and the retry rule
        _safely(heartbeat.requeue_orphans)  # a restarted worker takes over a dead one's task
        for thread in threads:
            thread.start()
        try:
            while True:
                # After a database error, a task this worker had claimed may be left RUNNING
                # (its result could not be recorded): run it again, by the same retry rule.
                _safely(heartbeat.release, worker_id)
                try:
                    # db_worker handles SIGTERM/SIGINT: it finishes the current task, then
                    # exits (SystemExit); a second signal ends the task too.
                    call_command(
                        "db_worker",
                        "--no-startup-delay",
                        "--no-reload",
                        "--worker-id",
                        worker_id,
                        verbosity=options["verbosity"],
                    )
                    return
                except DatabaseError:
                    # The database went away (restart, failover): wait and claim again
                    # rather than exit, so a worker outlives a database restart.
                    log.warning("worker %s: database unavailable, retrying", worker_id)
                    close_old_connections()
                    time.sleep(settings.WORKER_RETRY_SECONDS)
        finally:
            stop.set()
            for thread in threads:
                # A sequencer batch in hand commits (or rolls back) before the process ends.
                thread.join(settings.SHUTDOWN_GRACE_SECONDS)
            _safely(heartbeat.retire, worker_id)


def _beat(worker_id: str, stop: threading.Event) -> None:
    while not stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
        close_old_connections()
        _safely(heartbeat.beat, worker_id)
        _safely(heartbeat.requeue_orphans)


def _safely(function: Any, *args: Any) -> None:
    try:
        function(*args)
    except DatabaseError:
        log.warning("heartbeat: database unavailable")
        close_old_connections()
