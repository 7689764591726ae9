import hmac

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from undersigned.accounts import invites
from undersigned.accounts.forms import AcceptInviteForm
from undersigned.accounts.models import OrganisationLogo
from undersigned.lib import ratelimit
from undersigned.lib.emails import normalise_email
from undersigned.lib.network import client_ip, network_hash


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


RESET_PER_EMAIL = 3  # reset emails per address per hour
RESET_PER_NETWORK = 10  # reset requests per network (/24 or /48) per hour


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view with limits per address and per network. Past a limit nothing is
    sent, and the page says the same as always, so nobody learns whether one was reached."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = normalise_email(form.cleaned_data["email"])
        digest = hmac.new(settings.SECRET_KEY.encode(), email.encode(), "sha256").hexdigest()
        network = network_hash(client_ip(self.request.META)) or "unknown"
        if ratelimit.hit(f"reset-network:{network}", RESET_PER_NETWORK, 3600) and ratelimit.hit(
            f"reset-email:{digest}", RESET_PER_EMAIL, 3600
        ):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


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
