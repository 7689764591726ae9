"""A letter's invited list, set by its organisers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from undersigned.accounts import access, audit
from undersigned.letters import invitations
from undersigned.lib.http import AuthenticatedRequest, posted
from undersigned.members import invited as invited_list
from undersigned.members.csvfile import Problems
from undersigned.members.eligibility import invited_list as invited_of
from undersigned.workspace.forms import InviteForm
from undersigned.workspace.views.common import letter_for


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invited(request: AuthenticatedRequest, org_slug: str, letter_slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, letter_slug, access.EDIT_LETTERS)
    org = member.organisation
    form = InviteForm(posted(request), request.FILES or None)
    problems = Problems()
    if request.method == "POST" and form.is_valid():
        if upload := form.cleaned_data.get("file"):
            emails = invited_list.parse_file(upload, problems)
        else:
            emails = invited_list.parse(form.cleaned_data["emails"], problems)
        if not problems:
            count = invited_list.replace(letter, org, emails)
            audit.record(org, request.user, "letter.invited", letter, count=count)
            messages.success(
                request,
                ngettext(
                    "The invited list now has %(count)s address.",
                    "The invited list now has %(count)s addresses.",
                    count,
                )
                % {"count": count},
            )
            if form.cleaned_data["send"]:
                invitations.invite(letter, emails)
                messages.success(
                    request,
                    _("Invitations are on their way.")
                    if letter.is_open()
                    else _("Invitations will be sent when the letter is published."),
                )
            return redirect("workspace:invited", org_slug=org.slug, letter_slug=letter.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/invited.html",
        {
            "org": org,
            "member": member,
            "letter": letter,
            "waiting": invitations.waiting(letter),
            "form": form,
            "problems": problems,
            "count": invited_of(letter).count(),
        },
        status=status,
    )
