"""A letter's protection: the "under attack" switch (every signer solves the challenge),
its retention period, and bulk moderation."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from undersigned.accounts import access, audit
from undersigned.letters import services
from undersigned.letters.models import Signature
from undersigned.lib.http import AuthenticatedRequest
from undersigned.workspace.views.common import back, letter_for
from undersigned.workspace.views.moderation import audited_approve, audited_remove

UNDER_ATTACK = "under attack"
RETENTION = "changed retention"
TWO_FACTOR_POLICY = "two-factor policy"
BULK_LIMIT = 500


class RetentionForm(forms.Form):
    retention_months = forms.IntegerField(
        min_value=1,
        max_value=120,
        label=gettext_lazy("Erase signers' personal data this many months after closing"),
    )


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "approve"), ("remove", "remove")])
    reason = forms.ChoiceField(
        required=False, choices=[(r.value, r.value) for r in services.RemovalReason]
    )
    signatures = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, ids: list[int], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["signatures"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in ids]


@login_required
@require_POST
def under_attack(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    letter.under_attack = request.POST.get("under_attack") == "on"
    letter.save(update_fields=["under_attack"])
    audit.record(member.organisation, request.user, UNDER_ATTACK, letter, on=letter.under_attack)
    if letter.under_attack:
        messages.success(request, _("Every signer now solves a short check before signing."))
    else:
        messages.success(request, _("Signers see the check only when their network is busy."))
    return back(letter)


@login_required
@require_POST
def retention(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    form = RetentionForm(request.POST)
    if form.is_valid():
        letter.retention_months = form.cleaned_data["retention_months"]
        letter.save(update_fields=["retention_months"])
        audit.record(
            member.organisation, request.user, RETENTION, letter, months=letter.retention_months
        )
        messages.success(request, _("The retention period was saved."))
    else:
        messages.error(request, _("Give a number of months from 1 to 120."))
    return back(letter)


@login_required
@require_POST
def bulk(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    """Approve or remove many confirmed signatures at once (each audited and, for removals,
    logged with its reason as one by one)."""
    member, letter = letter_for(request, org_slug, slug)
    confirmed = letter.signatures.filter(status=Signature.Status.CONFIRMED)
    wanted = [int(v) for v in request.POST.getlist("signatures") if v.isdigit()][:BULK_LIMIT]
    ids = list(confirmed.filter(pk__in=wanted).values_list("pk", flat=True))
    form = BulkForm(ids, request.POST)
    if not form.is_valid() or (
        form.cleaned_data["action"] == "remove" and not form.cleaned_data["reason"]
    ):
        messages.error(request, _("Choose signatures, an action and, to remove, a reason."))
        return back(letter, "moderation")
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    done = 0
    for signature in confirmed.filter(pk__in=form.cleaned_data["signatures"]).select_related(
        "letter"
    ):
        if action == "approve":
            done += audited_approve(member, request.user, letter, signature)
        else:
            done += audited_remove(member, request.user, letter, signature, reason)
    if action == "approve":
        messages.success(request, _("Approved %(count)d signatures.") % {"count": done})
    else:
        messages.success(request, _("Removed %(count)d signatures.") % {"count": done})
    return back(letter, "moderation")


@login_required
@require_POST
def two_factor_policy(request: AuthenticatedRequest, org_slug: str) -> HttpResponse:
    """An owner requires (or stops requiring) two-factor authentication of everyone with a
    role in the organisation; those without a device are sent to enrol."""
    member = access.membership(request.user, org_slug, access.MANAGE_PEOPLE)
    org = member.organisation
    org.require_two_factor = request.POST.get("require_two_factor") == "on"
    org.save(update_fields=["require_two_factor"])
    audit.record(org, request.user, TWO_FACTOR_POLICY, required=org.require_two_factor)
    if org.require_two_factor:
        messages.success(request, _("Everyone here now needs two-factor authentication."))
    else:
        messages.success(request, _("Two-factor authentication is now optional here."))
    return redirect("workspace:people", org.slug)
