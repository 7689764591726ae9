"""Retention: each letter keeps its signers' personal data for `retention_months` after it
closes (12 by default); then the clock job erases it with services.erase, which keeps every
signature's status and log entry, so the count and the log stay valid."""

import calendar
from datetime import datetime

from django.utils import timezone

from undersigned.letters import services
from undersigned.letters.models import Letter

BATCH = 500  # signatures erased per letter and run: each run's transaction stays short


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later (the month's last day where it is shorter)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def erase_on(letter: Letter) -> datetime | None:
    """When the signers' personal data of this letter is erased: None while it is open."""
    closed = letter.closed_on()
    return add_months(closed, letter.retention_months) if closed else None


def erase_expired() -> int:
    """Erase the personal data of every signer of a letter past its retention (run by the
    worker's clock; safe in several workers at once: erasing twice changes nothing)."""
    now, erased = timezone.now(), 0
    for letter in Letter.objects.filter(status=Letter.Status.CLOSED).only(
        "pk", "status", "closed_at", "closes_at", "retention_months"
    ):
        due = erase_on(letter)
        if due is None or due > now:
            continue
        rows = letter.signatures.filter(erased_at__isnull=True).order_by("pk")[:BATCH]
        for signature in rows:
            services.erase(signature)
            erased += 1
    return erased
