"""Worker heartbeats, and the rule for tasks whose worker died.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a
worker killed mid-task (SIGKILL, out of memory, a lost machine) would leave that task undone
forever. The retry rule: a RUNNING task whose worker is dead (its heartbeat is older than
WORKER_STALE_SECONDS, or it ran on this host and its process is gone) goes back to the queue,
at most MAX_RUNS runs in all, then it is marked failed. So a confirmation email is never lost,
and is sent twice only if its worker died between handing it to the mail server and
recording that it had."""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from undersigned.ops.models import WorkerHeartbeat

log = logging.getLogger(__name__)

MAX_RUNS = 3


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname(), "pid": os.getpid(), "seen": timezone.now()},
    )


def retire(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def stale_before() -> timedelta:
    return timedelta(seconds=settings.WORKER_STALE_SECONDS)


def freshest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen").first()


def _alive_here(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def dead_workers() -> set[str]:
    """Ids of workers known to be gone: stale, or on this host with no such process."""
    cutoff = timezone.now() - stale_before()
    here = socket.gethostname()
    dead = set()
    for row in WorkerHeartbeat.objects.all():
        if row.seen < cutoff or (row.hostname == here and not _alive_here(row.pid)):
            dead.add(row.worker_id)
    return dead


def release(worker_id: str) -> int:
    """Put back in the queue the RUNNING tasks of this worker (it lost track of them)."""
    return _requeue([t for t in DBTaskResult.objects.running() if t.worker_ids[-1:] == [worker_id]])


def requeue_orphans() -> int:
    """Put back in the queue the RUNNING tasks of dead workers (see the module's rule);
    returns how many. Safe in several workers at once: each change is a conditional UPDATE."""
    # Tasks first, then workers: a worker beats before its first claim, so the owner of any
    # task read here is already known below, however new.
    running = list(DBTaskResult.objects.running().only("id", "worker_ids", "started_at"))
    known = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    dead = dead_workers()
    orphans = []
    for task in running:
        owner = task.worker_ids[-1] if task.worker_ids else ""
        if owner not in known or owner in dead:
            orphans.append(task)
    requeued = _requeue(orphans)
    WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
    return requeued


def _requeue(tasks: list[DBTaskResult[..., object]]) -> int:
    requeued = 0
    for task in tasks:
        owner = task.worker_ids[-1] if task.worker_ids else ""
        with transaction.atomic():
            running = DBTaskResult.objects.running().filter(pk=task.pk, started_at=task.started_at)
            if len(task.worker_ids) >= MAX_RUNS:
                changed = running.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=timezone.now(),
                    exception_class_path="undersigned.ops.heartbeat.WorkerDied",
                    traceback=f"its worker died during each of {len(task.worker_ids)} runs",
                )
            else:
                changed = running.update(status=TaskResultStatus.READY, started_at=None)
        if changed:
            requeued += 1
            log.warning("task %s: its worker %s died; back in the queue", task.pk, owner)
    return requeued
