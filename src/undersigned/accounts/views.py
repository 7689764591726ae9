from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from undersigned.accounts import invites
from undersigned.accounts.forms import AcceptInviteForm
from undersigned.accounts.models import OrganisationLogo


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (so it is validated, not ignored)."""
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "HEAD", "POST"])
def accept_invite(request: HttpRequest, token: str) -> HttpResponse:
    found = invites.find(token)
    if found is None:
        return render(request, "accounts/invite_problem.html", status=404)
    user = invites.existing_user(found)
    context = {"invite": found, "existing": user}
    if user is not None and request.user != user:
        # An account exists already: its owner logs in first, then accepts.
        return render(request, "accounts/accept_invite.html", context)
    form = AcceptInviteForm(found.email, _posted(request)) if user is None else None
    if request.method != "POST":
        return render(request, "accounts/accept_invite.html", {**context, "form": form})
    if form is not None:
        if not form.is_valid():
            return render(
                request, "accounts/accept_invite.html", {**context, "form": form}, status=400
            )
        user = invites.create_user(found, form.cleaned_data["name"], form.cleaned_data["password1"])
    assert user is not None
    if invites.accept(found, user) is None:
        return render(request, "accounts/invite_problem.html", status=404)
    if request.user != user:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("workspace:dashboard")


@require_safe
def logo(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's logo, served from the site (pages make no third-party requests)."""
    found = get_object_or_404(OrganisationLogo, organisation__slug=slug)
    etag = f'"{int(found.updated.timestamp())}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(bytes(found.png), content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response
