"""An organisation's settings, for its owners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from undersigned.accounts import access, audit, logos
from undersigned.lib.http import AuthenticatedRequest, posted
from undersigned.workspace.forms import OrganisationForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_settings(request: AuthenticatedRequest, org_slug: str) -> HttpResponse:
    member = access.membership(request.user, org_slug, access.MANAGE_PEOPLE)
    org = member.organisation
    form = OrganisationForm(
        posted(request), request.FILES if request.method == "POST" else None, instance=org
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        if form.cleaned_data["logo"] is not None:
            logos.set_logo(org, form.cleaned_data["logo"])
        elif form.cleaned_data["remove_logo"]:
            logos.set_logo(org, None)
        changed = [name for name in form.changed_data if name != "remove_logo"]
        audit.record(org, request.user, audit.SETTINGS_CHANGED, org, fields=changed)
        messages.success(request, _("Settings saved."))
        return redirect("workspace:settings", org.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/settings.html",
        {"org": org, "member": member, "form": form},
        status=status,
    )
