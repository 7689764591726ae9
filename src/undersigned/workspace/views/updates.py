"""Updates to signers and the addressee's response, for a letter's organisers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from undersigned.accounts import access, audit
from undersigned.letters import updates as letter_updates
from undersigned.lib.http import AuthenticatedRequest, posted
from undersigned.workspace.forms import ResponseForm, UpdateForm
from undersigned.workspace.views.common import back, letter_for


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def updates(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    sending = request.method == "POST" and "response" not in request.POST
    form = UpdateForm(posted(request) if sending else None)
    response_form = ResponseForm(
        posted(request) if request.method == "POST" and not sending else None, instance=letter
    )
    if sending and form.is_valid():
        data = form.cleaned_data
        letter_updates.post_update(
            letter, subject=data["subject"], body=data["body"], by=request.user
        )
        messages.success(
            request, _("The update is on its way to the signers who asked for updates.")
        )
        return back(letter, "updates")
    if request.method == "POST" and not sending and response_form.is_valid():
        response_form.save()
        audit.record(member.organisation, request.user, audit.RESPONSE_RECORDED, letter)
        messages.success(request, _("Saved: the response is shown on the letter's page."))
        return back(letter, "updates")
    context = {
        "member": member,
        "letter": letter,
        "form": form,
        "response_form": response_form,
        "sent": letter.updates.select_related("created_by"),
        "subscribers": letter_updates.subscribers(letter).count(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/updates.html", context, status=status)
