import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    """gunicorn's advice for sync workers: two per core plus one (5 on two cores)."""
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn, with a task worker beside it. SIGTERM or SIGINT: "
        "requests and tasks in hand finish (within SHUTDOWN_GRACE_SECONDS), then all exit."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="gunicorn worker processes (default: 2 x cores + 1, here %(default)s).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="Threads per worker: above 1, gunicorn's threaded worker, so that a worker "
            "goes on serving while a request waits for the database.",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Static files were collected already (at install or upgrade).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start `undersigned worker` beside the web server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        call_command("createcachetable", verbosity=0)  # the shared rate limits without Redis
        if not settings.DEBUG and not options["no_collectstatic"]:
            call_command("collectstatic", "--no-input", verbosity=0)
        grace = settings.SHUTDOWN_GRACE_SECONDS
        env = os.environ.copy()
        metrics_dir = _metrics_dir(env) if settings.METRICS_ENABLED else None

        stopping: list[int] = []

        def stop(signum: int, frame: FrameType | None) -> None:
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # The children have their own process group: Ctrl-C reaches only this process, which
        # asks each child for a graceful stop (gunicorn treats SIGINT as "stop now").
        children: list[subprocess.Popen[bytes]] = []
        try:
            if not options["no_worker"]:
                children.append(_start([sys.executable, "-m", "undersigned", "worker"], env))
            bind = f"{options['host']}:{options['port']}"
            children.append(
                _start(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "undersigned.wsgi:application",
                        "--config",
                        "python:undersigned.ops.gunicorn_conf",
                        "--bind",
                        bind,
                        "--workers",
                        str(options["workers"]),
                        "--threads",
                        str(options["threads"]),
                        "--graceful-timeout",
                        str(grace),
                    ],
                    env,
                )
            )
            self.stdout.write(f"Undersigned is at http://{bind}/  (Ctrl-C stops it)")
            self.stdout.flush()
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.2)
        finally:
            _stop(children, grace)
            if metrics_dir and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
                shutil.rmtree(metrics_dir, ignore_errors=True)
        if not stopping:
            raise CommandError("stopped: gunicorn or the worker ended by itself (see above)")


def _start(command: list[str], env: dict[str, str]) -> "subprocess.Popen[bytes]":
    return subprocess.Popen(command, env=env, start_new_session=True)  # noqa: S603


def _stop(children: list["subprocess.Popen[bytes]"], grace: int) -> None:
    """SIGTERM to every child, then SIGKILL to any still running after the grace period."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace + 5
    for child in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(max(0.1, deadline - time.monotonic()))
        # The whole group: no gunicorn worker may outlive its master and hold the port.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def _metrics_dir(env: dict[str, str]) -> str:
    """prometheus_client's multiprocess mode needs a directory shared by the gunicorn
    workers, emptied when the server starts (stale files would add old counts)."""
    path = env.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="undersigned-metrics-")
    Path(path).mkdir(parents=True, exist_ok=True)
    for stale in Path(path).glob("*.db"):
        stale.unlink()
    env["PROMETHEUS_MULTIPROC_DIR"] = path
    return path
