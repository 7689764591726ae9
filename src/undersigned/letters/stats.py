"""Figures for a letter's statistics page. Everything is aggregated in the database."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDay, TruncHour
from django.utils import timezone

from undersigned.letters.models import Letter, Signature

HOURS = 48  # the hourly series covers the last two days


def _series(
    rows: Any, key: str, start: datetime | None, end: datetime, step: timedelta
) -> list[dict[str, Any]]:
    """Every slot from start to end, with zero for the slots nobody signed in."""
    counts = {row["at"]: row["n"] for row in rows if row["at"]}
    if start is None:
        start = min(counts, default=end)
    series = []
    at = start
    while at <= end:
        series.append({key: at.isoformat(), "count": counts.get(at, 0)})
        at += step
    return series


def letter_stats(letter: Letter) -> dict[str, Any]:
    """Signatures per hour (last 48 hours) and per day, by region and branch, and the
    confirmation rate. Counts are of signatures confirmed now (not withdrawn or removed)."""
    confirmed = letter.signatures.filter(status=Signature.Status.CONFIRMED)
    now = timezone.now()
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    today = this_hour.replace(hour=0)
    since = this_hour - timedelta(hours=HOURS - 1)
    per_hour = (
        confirmed.filter(confirmed_at__gte=since)
        .annotate(at=TruncHour("confirmed_at"))
        .values("at")
        .annotate(n=Count("id"))
        .order_by("at")
    )
    per_day = (
        confirmed.annotate(at=TruncDay("confirmed_at"))
        .values("at")
        .annotate(n=Count("id"))
        .order_by("at")
    )
    by_region = (
        confirmed.values("region__name").annotate(n=Count("id")).order_by("-n", "region__name")
    )
    by_branch = (
        confirmed.values("branch__name", "region__name")
        .annotate(n=Count("id"))
        .order_by("-n", "branch__name")
    )
    totals = letter.signatures.aggregate(
        started=Count("id"), ever_confirmed=Count("id", filter=Q(confirmed_at__isnull=False))
    )
    started, ever = totals["started"], totals["ever_confirmed"]
    return {
        "confirmed": confirmed.count(),
        "removed": letter.removed_count,
        "started": started,
        "ever_confirmed": ever,
        "confirmation_rate": round(ever / started, 4) if started else None,
        "per_hour": _series(per_hour, "hour", since, this_hour, timedelta(hours=1)),
        "per_day": _series(per_day, "day", None, today, timedelta(days=1)),
        "by_region": [
            {"region": r["region__name"] or "Not given", "count": r["n"]} for r in by_region
        ],
        "by_branch": [
            {
                "branch": r["branch__name"] or "Not given",
                "region": r["region__name"] or "",
                "count": r["n"],
            }
            for r in by_branch
        ],
    }
