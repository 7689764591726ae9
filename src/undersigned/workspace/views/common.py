"""What every workspace view does first: find the person's role, then the thing."""

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from undersigned.accounts import access
from undersigned.accounts.models import Membership
from undersigned.letters.models import Letter
from undersigned.lib.http import AuthenticatedRequest


def letter_for(
    request: AuthenticatedRequest,
    org_slug: str,
    slug: str,
    roles: tuple[str, ...] = access.MODERATE,
) -> tuple[Membership, Letter]:
    member = access.membership(request.user, org_slug, roles)
    return member, get_object_or_404(Letter, organisation=member.organisation, slug=slug)


def back(letter: Letter, view: str = "letter") -> HttpResponse:
    return redirect(f"workspace:{view}", letter.organisation.slug, letter.slug)


def status_of(request: HttpRequest, form: BaseForm) -> int:
    return 400 if request.method == "POST" and form.errors else 200
