"""Periodic jobs run by `undersigned worker`: plain functions, safe to run in several
workers at once (each one claims its work with a conditional UPDATE or a lock). Which
jobs, and how often, is the project's CLOCK_JOBS setting: this module names no app."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    every: float  # seconds
    path: str  # dotted path of a function that takes no arguments


def without_worker() -> bool:
    """Whether tasks run as they are queued (TASKS_BACKEND=immediate: development and the
    test suite), so that no worker, and no worker's clock, runs beside the web process: a
    caller then does a clock job's work for its own change at once."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def configured() -> list[Job]:
    return [Job(float(every), path) for every, path in settings.CLOCK_JOBS]


def run(stop: threading.Event, jobs: list[Job] | None = None) -> None:
    jobs = jobs if jobs is not None else configured()
    last: dict[str, float] = {}
    functions: dict[str, Callable[[], object]] = {job.path: import_string(job.path) for job in jobs}
    while not stop.is_set():
        now = time.monotonic()
        for job in jobs:
            if now - last.get(job.path, -job.every) >= job.every:
                last[job.path] = now
                close_old_connections()
                try:
                    functions[job.path]()
                except Exception:
                    log.exception("periodic job %s failed", job.path)
        stop.wait(0.25)
