import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from undersigned.lib import clock


class Command(BaseCommand):
    help = (
        "Run background work: queued tasks (emails) through django-tasks-db, and the "
        "clock (closing letters, sequencing the log). Several may run at once."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-clock", action="store_true", help="Run queued tasks only.")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["no_clock"]:
            threading.Thread(target=clock.run, args=(stop,), daemon=True, name="clock").start()
        try:
            # db_worker handles SIGTERM/SIGINT: it finishes the current task, then returns.
            call_command(
                "db_worker", "--no-startup-delay", "--no-reload", verbosity=options["verbosity"]
            )
        finally:
            stop.set()
