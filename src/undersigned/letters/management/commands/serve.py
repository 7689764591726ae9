import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn on 127.0.0.1, with a task worker beside it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start `undersigned worker` beside the web server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("createcachetable", verbosity=0)  # the shared rate limits without Redis
        if not settings.DEBUG:
            call_command("collectstatic", "--no-input", verbosity=0)
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "undersigned", "worker"])  # noqa: S603
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(f"Undersigned is at {url}  (Ctrl-C stops it)")
        try:
            subprocess.call(
                [  # noqa: S603
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "undersigned.wsgi:application",
                    "--bind",
                    f"{options['host']}:{options['port']}",
                    "--workers",
                    str(options["workers"]),
                    "--access-logfile",
                    "-",
                ]
            )
        except KeyboardInterrupt:
            pass
        finally:
            if worker:
                worker.terminate()
                worker.wait(10)
