"""Read-side queries for the workspace."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from undersigned.letters.models import Letter, Signature


def dashboard_letters(user: User) -> QuerySet[Letter]:
    """The letters of every organisation the person has a role in, each with `last_day`:
    signatures confirmed in the last 24 hours."""
    # A subquery per letter walks the (letter, status, -confirmed_at) index for the last
    # day only; a JOIN with a filtered COUNT would read every signature of every letter.
    last_day = (
        Signature.objects.filter(
            letter=OuterRef("pk"),
            status=Signature.Status.CONFIRMED,
            confirmed_at__gte=timezone.now() - timedelta(hours=24),
        )
        .order_by()
        .values("letter")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Letter.objects.filter(organisation__staff__user=user)
        .select_related("organisation")
        .annotate(last_day=Coalesce(Subquery(last_day), 0))
        .order_by("organisation__name", "-created", "-id")
    )
