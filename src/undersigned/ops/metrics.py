"""Prometheus metrics. Request counters and latencies are kept per process (in
prometheus_client's multiprocess mode under gunicorn, see `serve`); everything the database
knows (signatures, tasks, emails, the log's lag) is read from it at each scrape, so every app
server reports the same figures and a worker on another machine needs no exporter."""

import os
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import REGISTRY, Collector

from undersigned.ledger import subjects
from undersigned.ledger.models import Log, PendingEvent
from undersigned.letters.models import Signature
from undersigned.ops.models import WorkerHeartbeat

REQUESTS = Counter(
    "undersigned_http_requests",
    "HTTP requests answered, by view, method and status code.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "undersigned_http_request_duration_seconds",
    "Time to answer an HTTP request, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)

# Tasks that send email are the ones named send_* (letters.tasks).
EMAIL_TASKS = ".send_"


class DatabaseCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        signatures = GaugeMetricFamily(
            "undersigned_signatures", "Signatures by state.", labels=["state"]
        )
        for row in Signature.objects.order_by().values("status").annotate(n=Count("id")):
            signatures.add_metric([row["status"]], row["n"])
        yield signatures

        owed = Signature.objects.filter(confirmation_owed=True).count()
        yield GaugeMetricFamily(
            "undersigned_confirmations_owed",
            "Signatures whose confirmation email the worker's clock has not queued yet.",
            value=owed,
        )

        ready = DBTaskResult.objects.ready()
        queue = ready.aggregate(n=Count("id"), oldest=Min("enqueued_at"))
        yield GaugeMetricFamily(
            "undersigned_task_queue_depth", "Tasks waiting for a worker.", value=queue["n"]
        )
        yield GaugeMetricFamily(
            "undersigned_task_queue_oldest_seconds",
            "Age of the oldest task waiting for a worker (0 when none waits).",
            value=(now - queue["oldest"]).total_seconds() if queue["oldest"] else 0,
        )
        emails = GaugeMetricFamily(
            "undersigned_emails",
            "Email tasks finished, sent or failed, as kept in the task table (until pruned).",
            labels=["state"],
        )
        finished = dict(
            DBTaskResult.objects.filter(task_path__contains=EMAIL_TASKS)
            .filter(status__in=["SUCCESSFUL", "FAILED"])
            .order_by()
            .values_list("status")
            .annotate(n=Count("id"))
        )
        emails.add_metric(["sent"], finished.get("SUCCESSFUL", 0))
        emails.add_metric(["failed"], finished.get("FAILED", 0))
        yield emails

        lag = GaugeMetricFamily(
            "undersigned_sequencer_lag_seconds",
            "Age of the oldest event waiting to be appended to a log.",
            labels=["log"],
        )
        waiting = GaugeMetricFamily(
            "undersigned_sequencer_pending_events",
            "Events waiting to be appended to a log.",
            labels=["log"],
        )
        waits = (
            PendingEvent.objects.order_by()
            .values("subject_type_id", "subject_id")
            .annotate(oldest=Min("created"), n=Count("id"))
        )
        origins = {
            (row["subject_type_id"], row["subject_id"]): row["origin"]
            for row in Log.objects.values("subject_type_id", "subject_id", "origin")
        }
        for wait in waits:
            subject = (wait["subject_type_id"], wait["subject_id"])
            name = origins.get(subject) or _origin_of(*subject)
            lag.add_metric([name], (now - wait["oldest"]).total_seconds())
            waiting.add_metric([name], wait["n"])
        yield lag
        yield waiting

        yield GaugeMetricFamily(
            "undersigned_workers",
            "Workers that have sent a heartbeat.",
            value=WorkerHeartbeat.objects.count(),
        )


class _ThisProcess(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def exposition() -> bytes:
    """The text exposition: request metrics of every gunicorn worker (or of this process
    outside gunicorn), then the database's figures."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_ThisProcess())
    registry.register(DatabaseCollector())
    return generate_latest(registry)


def _origin_of(type_id: int, subject_id: int) -> str:
    """The name a log not yet created will have."""
    subject_type = ContentType.objects.get_for_id(type_id)
    kind = subjects.kind_of(subject_type)
    found = kind.model._default_manager.filter(pk=subject_id).first()
    return kind.origin(found) if found is not None else f"{subject_type.model}/{subject_id}"
