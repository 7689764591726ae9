from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per running `undersigned worker`, refreshed every few seconds. `/readyz` reads
    the freshest; a task left running by a worker whose row went stale (or whose process is
    gone from this host) is put back in the queue."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started = models.DateTimeField(auto_now_add=True)
    seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.hostname} (pid {self.pid})"
