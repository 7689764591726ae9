"""Moderation: the queue of flagged signatures, approval, removal and restoration."""

import unicodedata

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from undersigned.accounts import audit
from undersigned.letters import services
from undersigned.letters.models import Letter, Signature
from undersigned.letters.moderation import LABELS as FLAG_LABELS
from undersigned.lib.http import AuthenticatedRequest, posted
from undersigned.workspace.forms import RemoveForm
from undersigned.workspace.views.common import back, letter_for


@login_required
def moderation(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug)
    query = request.GET.get("q", "").strip()
    status = 200
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in query):
        # A NUL cannot even be sent to PostgreSQL: say so instead of failing.
        messages.error(request, _("The search contains a control character; please retype it."))
        query, status = "", 400
    confirmed = letter.signatures.filter(status=Signature.Status.CONFIRMED)
    shown = (
        confirmed.filter(name__icontains=query)
        if query
        else confirmed.filter(review=Signature.Review.FLAGGED)
    )
    removed = letter.signatures.filter(status=Signature.Status.REMOVED).order_by("-removed_at")
    context = {
        "member": member,
        "letter": letter,
        "query": query,
        "queue": Paginator(shown.select_related("branch").order_by("id"), 50).get_page(
            request.GET.get("page")
        ),
        "removed": removed.select_related("removed_by")[:200],
        "flag_labels": FLAG_LABELS,
        "reasons": dict((code.value, label) for code, label in services.REMOVAL_LABELS.items()),
    }
    return render(request, "workspace/moderation.html", context, status=status)


def _signature(letter: Letter, signature_id: int) -> Signature:
    return get_object_or_404(letter.signatures.select_related("letter"), pk=signature_id)


@login_required
@require_POST
def approve(
    request: AuthenticatedRequest, org_slug: str, slug: str, signature_id: int
) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug)
    signature = _signature(letter, signature_id)
    if services.approve(signature, request.user):
        audit.record(
            member.organisation, request.user, audit.APPROVED, letter, signature=signature.pk
        )
        messages.success(request, f"Approved {signature.name}.")
    return back(letter, "moderation")


@login_required
def remove(
    request: AuthenticatedRequest, org_slug: str, slug: str, signature_id: int
) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug)
    signature = _signature(letter, signature_id)
    form = RemoveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        reason, note = form.cleaned_data["reason"], form.cleaned_data["note"]
        if services.remove(signature, request.user, reason, note):
            audit.record(
                member.organisation,
                request.user,
                audit.REMOVED,
                letter,
                signature=signature.pk,
                reason=reason,
            )
            messages.success(request, f"Removed {signature.name}; it no longer counts.")
        return back(letter, "moderation")
    context = {"letter": letter, "signature": signature, "form": form, "member": member}
    status = 400 if form.errors else 200
    return render(request, "workspace/remove.html", context, status=status)


@login_required
@require_POST
def restore(
    request: AuthenticatedRequest, org_slug: str, slug: str, signature_id: int
) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug)
    signature = _signature(letter, signature_id)
    if services.restore(signature, request.user):
        audit.record(
            member.organisation, request.user, audit.RESTORED, letter, signature=signature.pk
        )
        messages.success(request, f"Restored {signature.name}; it counts again.")
    return back(letter, "moderation")
