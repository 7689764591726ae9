"""The owners' audit log."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from undersigned.accounts import access
from undersigned.lib.http import AuthenticatedRequest


@login_required
def audit_log(request: AuthenticatedRequest, org_slug: str) -> HttpResponse:
    member = access.membership(request.user, org_slug, access.MANAGE_PEOPLE)
    entries = member.organisation.audit.select_related("actor")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "workspace/audit.html", {"org": member.organisation, "page": page})
