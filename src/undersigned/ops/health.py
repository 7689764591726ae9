"""What /readyz checks: each check returns (ok, detail)."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Min
from django.utils import timezone

from undersigned.ledger.models import PendingEvent
from undersigned.ops import heartbeat

type Result = tuple[bool, str]


def database() -> Result:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return False, f"unreachable: {type(error).__name__}"
    return True, "ok"


def cache_store() -> Result:
    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        return True, "not configured (per-process memory)"
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        found = cache.get(key) == "1"
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - any client error means unreachable
        return False, f"unreachable: {type(error).__name__}"
    return (True, "ok") if found else (False, "did not keep a value")


def worker() -> Result:
    if settings.TASKS_BACKEND != "database":
        return True, "not needed (tasks run immediately)"
    latest = heartbeat.freshest()
    if latest is None:
        return False, "no worker has reported"
    age = (timezone.now() - latest.seen).total_seconds()
    if age > settings.WORKER_STALE_SECONDS:
        return False, f"last heartbeat {age:.0f}s ago"
    return True, f"last heartbeat {age:.0f}s ago"


def sequencer_lag() -> float:
    """Seconds since the oldest event still waiting for the log (0 when none waits)."""
    oldest = PendingEvent.objects.aggregate(oldest=Min("created"))["oldest"]
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0


def sequencer() -> Result:
    lag = sequencer_lag()
    detail = f"oldest waiting event {lag:.0f}s old"
    return lag <= settings.SEQUENCER_LAG_LIMIT, detail


def readiness() -> dict[str, Result]:
    checks = {"database": database(), "cache": cache_store()}
    if checks["database"][0]:
        checks["worker"] = worker()
        checks["sequencer"] = sequencer()
    else:
        checks["worker"] = checks["sequencer"] = (False, "database unreachable")
    return checks
