"""Optional two-factor authentication for organisers (TOTP, with django-otp). Anyone may
enrol an authenticator app; an owner may require it for the organisation, and then its
people are sent to enrol before they can use its workspace. A person with a device is asked
for a code after their password before they can use any workspace page."""

import base64
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from undersigned.accounts import audit
from undersigned.accounts.models import Membership, Organisation
from undersigned.lib.http import AuthenticatedRequest, posted

ENROLLED = "enrolled in two-factor authentication"
REMOVED = "removed two-factor authentication"


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=8,
        label=gettext_lazy("The 6-digit code from your authenticator app"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if ok else settings.LOGIN_REDIRECT_URL


def requires_two_factor(user: Any) -> list[Organisation]:
    """The organisations of this person that require two-factor authentication."""
    return [
        m.organisation
        for m in Membership.objects.filter(user=user, organisation__require_two_factor=True)
        .select_related("organisation")
        .order_by("organisation__name")
    ]


class TwoFactorMiddleware:
    """Guards TWO_FACTOR_PATHS (the workspace): a person with a device enters a code first;
    a person of an organisation that requires it enrols first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if not request.path.startswith(tuple(settings.TWO_FACTOR_PATHS)):
            return None  # before touching request.user, which may read the session
        user = request.user
        if not user.is_authenticated:
            return None
        query = urlencode({"next": request.get_full_path()})
        if user_has_device(user):
            if not getattr(user, "is_verified", lambda: False)():  # set by OTPMiddleware
                return redirect(f"/accounts/two-factor/verify/?{query}")
            return None
        org_slug = kwargs.get("org_slug")
        if (
            org_slug
            and Organisation.objects.filter(slug=org_slug, require_two_factor=True).exists()
        ):
            return redirect(f"/accounts/two-factor/?{query}")
        return None


def _qr(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=4))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request: AuthenticatedRequest) -> HttpResponse:
    """Enrol an authenticator app (scan the QR code, type a code), or remove it."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    form = CodeForm(posted(request))
    if confirmed is not None:
        if request.method == "POST" and form.is_valid():
            if confirmed.verify_token(form.cleaned_data["code"].strip()):
                if requires_two_factor(user):
                    form.add_error(None, _("Your organisation requires two-factor authentication."))
                else:
                    TOTPDevice.objects.filter(user=user).delete()
                    for m in user.roles.select_related("organisation"):
                        audit.record(m.organisation, user, REMOVED)
                    messages.success(request, _("Two-factor authentication is off."))
                    return redirect("two_factor_setup")
            else:
                form.add_error("code", _("That code is not right, or it has expired."))
        context = {"enrolled": True, "form": form}
        return render(
            request, "accounts/two_factor.html", context, status=400 if form.errors else 200
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            for m in user.roles.select_related("organisation"):
                audit.record(m.organisation, user, ENROLLED)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(_next(request))
        form.add_error("code", _("That code is not right, or it has expired. Try the newest one."))
    context = {
        "enrolled": False,
        "form": form,
        "qr": _qr(device),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": _next(request),
        "required_by": requires_two_factor(user),
    }
    return render(request, "accounts/two_factor.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: AuthenticatedRequest) -> HttpResponse:
    """The second step of logging in, for a person with a device."""
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("That code is not right, or it has expired."))
    context = {"form": form, "next": _next(request)}
    return render(
        request, "accounts/two_factor_verify.html", context, status=400 if form.errors else 200
    )
