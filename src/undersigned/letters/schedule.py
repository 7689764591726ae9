"""Scheduled publishing: a draft with a publish_at time opens by itself (the worker's
clock runs this every minute)."""

from django.utils import timezone

from undersigned.letters import invitations, services
from undersigned.letters.models import Letter


def publish_due_letters() -> int:
    """Publish every draft whose time has come. services.publish() only turns a draft into
    an open letter, so two workers racing publish each letter once."""
    published = 0
    due = Letter.objects.filter(status=Letter.Status.DRAFT, publish_at__lte=timezone.now())
    for letter in due.order_by("publish_at", "id"):
        # An invited-list letter with no list waits (its overview says why).
        if not invitations.publish_problem(letter):
            published += services.publish(letter)
    return published
