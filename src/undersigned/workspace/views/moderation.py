"""Moderation: the queue of flagged signatures, approval, removal and restoration."""

import unicodedata

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from undersigned.accounts import audit
from undersigned.accounts.models import Membership
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


def audited_approve(member: Membership, user: User, letter: Letter, signature: Signature) -> bool:
    """Approve a flagged signature and audit it (one by one or in bulk); False if it was not
    confirmed."""
    if not services.approve(signature, user):
        return False
    audit.record(member.organisation, user, audit.APPROVED, letter, signature=signature.pk)
    return True


def audited_remove(
    member: Membership,
    user: User,
    letter: Letter,
    signature: Signature,
    reason: str,
    note: str = "",
) -> bool:
    """Remove a confirmed signature (logged with its reason) and audit it; False if it was
    not confirmed."""
    if not services.remove(signature, user, reason, note):
        return False
    audit.record(
        member.organisation, user, audit.REMOVED, letter, signature=signature.pk, reason=reason
    )
    return True


@login_required
@require_POST
def approve(
    request: AuthenticatedRequest, org_slug: str, slug: str, signature_id: int
) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug)
    signature = _signature(letter, signature_id)
    if audited_approve(member, request.user, letter, signature):
        messages.success(request, _("Approved %(name)s.") % {"name": signature.name})
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
        if audited_remove(member, request.user, letter, signature, reason, note):
            messages.success(
                request, _("Removed %(name)s; it no longer counts.") % {"name": signature.name}
            )
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
        messages.success(
            request, _("Restored %(name)s; it counts again.") % {"name": signature.name}
        )
    return back(letter, "moderation")
