"""People: an owner invites people to the organisation and changes their roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from undersigned.accounts import access, invites, roles
from undersigned.accounts.forms import InviteForm, RoleForm
from undersigned.lib.http import AuthenticatedRequest, posted


@login_required
def people(request: AuthenticatedRequest, org_slug: str) -> HttpResponse:
    member = access.membership(request.user, org_slug, access.MANAGE_PEOPLE)
    form = InviteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            invites.invite(member.organisation, email, role, request.user)
        except invites.AlreadyMember:
            form.add_error("email", "This person is in the organisation already.")
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
            return redirect("workspace:people", org_slug)
    org = member.organisation
    context = {
        "org": org,
        "form": form,
        "staff": [
            (m, RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"))
            for m in org.staff.select_related("user").order_by("user__username")
        ],
        "invites": org.invites.filter(accepted_at__isnull=True)[:100],
    }
    return render(request, "workspace/people.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def change_role(request: AuthenticatedRequest, org_slug: str, membership_id: int) -> HttpResponse:
    member = access.membership(request.user, org_slug, access.MANAGE_PEOPLE)
    target = get_object_or_404(member.organisation.staff, pk=membership_id)
    form = RoleForm(request.POST, prefix=f"m{target.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
    elif form.cleaned_data["role"] != target.role:
        try:
            roles.change_role(target, form.cleaned_data["role"], request.user)
            messages.success(
                request,
                _("%(person)s is now %(role)s.")
                % {"person": target.user, "role": target.get_role_display().lower()},
            )
        except roles.LastOwner:
            messages.error(request, _("An organisation needs at least one owner."))
    return redirect("workspace:people", org_slug)


@login_required
@require_POST
def remove_person(request: AuthenticatedRequest, org_slug: str, membership_id: int) -> HttpResponse:
    member = access.membership(request.user, org_slug, access.MANAGE_PEOPLE)
    target = get_object_or_404(member.organisation.staff, pk=membership_id)
    try:
        roles.remove_member(target, request.user)
        messages.success(
            request, _("%(person)s no longer has a role here.") % {"person": target.user}
        )
    except roles.LastOwner:
        messages.error(request, _("An organisation needs at least one owner."))
    return redirect("workspace:people", org_slug)


@login_required
@require_POST
def cancel_invite(request: AuthenticatedRequest, org_slug: str, invite_id: int) -> HttpResponse:
    member = access.membership(request.user, org_slug, access.MANAGE_PEOPLE)
    found = get_object_or_404(member.organisation.invites, pk=invite_id)
    if invites.cancel(found, request.user):
        messages.success(
            request, _("The invitation to %(email)s was cancelled.") % {"email": found.email}
        )
    return redirect("workspace:people", org_slug)
