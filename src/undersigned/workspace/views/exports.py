"""Downloads of a letter's signatures, and its statistics."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from undersigned.accounts import access
from undersigned.letters import export, stats
from undersigned.lib.http import AuthenticatedRequest
from undersigned.workspace import charts
from undersigned.workspace.views.common import letter_for


@login_required
def exports(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug)
    can_private = member.role in access.EDIT_LETTERS
    context = {"letter": letter, "member": member, "can_private": can_private}
    return render(request, "workspace/export.html", context)


@login_required
def download(
    request: AuthenticatedRequest, org_slug: str, slug: str, kind: str, fmt: str
) -> StreamingHttpResponse:
    if kind not in ("public", "private") or fmt not in export.FORMATS:
        raise Http404
    # Only organisers and owners see emails; a moderator gets the same 404 as a stranger.
    roles = access.EDIT_LETTERS if kind == "private" else access.MODERATE
    member, letter = letter_for(request, org_slug, slug, roles)
    _, content_type = export.FORMATS[fmt]
    rows = export.audited(letter, request.user, private=kind == "private", fmt=fmt, via="workspace")
    response = StreamingHttpResponse(rows, content_type=content_type)
    filename = f"{letter.slug}-{kind}-signatures.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def statistics(request: AuthenticatedRequest, org_slug: str, slug: str) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    figures = stats.letter_stats(letter)
    context = {
        "letter": letter,
        "member": member,
        "stats": figures,
        "hourly": charts.bar_chart(
            "Signatures per hour, last 48 hours", figures["per_hour"], "hour"
        ),
        "daily": charts.bar_chart("Signatures per day", figures["per_day"], "day", fmt=10),
    }
    return render(request, "workspace/stats.html", context)
