"""API tokens, created and revoked by their person in the workspace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.accounts.access import EDIT_LETTERS
from undersigned.api.forms import TokenForm
from undersigned.api.models import ApiToken
from undersigned.letters.models import Letter
from undersigned.lib.http import AuthenticatedRequest


def _page(
    request: AuthenticatedRequest, form: TokenForm, status: int = 200, **extra: object
) -> HttpResponse:
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.filter(
                user=request.user, revoked_at__isnull=True
            ).select_related("organisation"),
            "letters": Letter.objects.filter(
                organisation__staff__user=request.user, organisation__staff__role__in=EDIT_LETTERS
            )
            .select_related("organisation")
            .order_by("organisation__name", "-created"),
            **extra,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: AuthenticatedRequest) -> HttpResponse:
    if request.method != "POST":
        # A new token's secret, shown once on the page the POST redirected to.
        shown = request.session.pop(_NEW_TOKEN, None)
        new = ApiToken.objects.filter(pk=shown["pk"], user=request.user) if shown else None
        if new and (token := new.first()):
            return _page(request, TokenForm(request.user), new_token=token, secret=shown["secret"])
        return _page(request, TokenForm(request.user))
    form = TokenForm(request.user, request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    token, secret = ApiToken.issue(
        request.user, form.cleaned_data["organisation"], form.cleaned_data["name"]
    )
    # Held in the session only until the next page shows it (never stored with the token),
    # and redirected, so reloading the page does not create a second token.
    request.session[_NEW_TOKEN] = {"pk": token.pk, "secret": secret}
    return redirect("api_tokens")


_NEW_TOKEN = "api-new-token"  # noqa: S105 - a session key, not a secret


@login_required
@require_POST
def revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("api_tokens")
