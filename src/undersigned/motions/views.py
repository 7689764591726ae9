"""Public pages: a body's meetings and motions (once its officers publish them), each
motion's result with its standing verdict, and the organisation's rulebook."""

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from undersigned.accounts.models import Organisation
from undersigned.motions import rulebook as rules
from undersigned.motions import services
from undersigned.motions.models import Body, Meeting, Motion, Poll


def _body(org_slug: str, slug: str) -> Body:
    return get_object_or_404(
        Body.objects.select_related("organisation"),
        organisation__slug=org_slug,
        slug=slug,
        published=True,
    )


def published_motions(body: Body) -> QuerySet[Motion]:
    return Motion.objects.filter(meeting__body=body, published=True, meeting__published=True)


@require_safe
def body(request: HttpRequest, org_slug: str, slug: str) -> HttpResponse:
    found = _body(org_slug, slug)
    meetings = found.meetings.filter(published=True).prefetch_related("motions")
    return render(request, "motions/body.html", {"body": found, "meetings": meetings})


@require_safe
def meeting(request: HttpRequest, org_slug: str, slug: str, pk: int) -> HttpResponse:
    found = _body(org_slug, slug)
    item = get_object_or_404(Meeting, body=found, pk=pk, published=True)
    motions = item.motions.filter(published=True)
    return render(
        request, "motions/meeting.html", {"body": found, "meeting": item, "motions": motions}
    )


@require_safe
def motion(request: HttpRequest, org_slug: str, slug: str, pk: int) -> HttpResponse:
    found = _body(org_slug, slug)
    item = get_object_or_404(
        published_motions(found).select_related("meeting__rulebook", "rescinds"), pk=pk
    )
    stored = services.rulebook_for(item.meeting)
    loaded = rules.load(stored.source) if stored else None
    context = {
        "body": found,
        "meeting": item.meeting,
        "motion": item,
        "rulebook": stored,
        "body_rules": loaded.body(found.kind) if loaded else None,
        "versions": item.versions.all(),
        "amendments": item.amendments.all(),
        "named_votes": item.named_votes.all(),
        "letters": item.letters.public(),
        "poll": Poll.objects.filter(motion=item).first(),
        "verify_url": settings.BASE_URL + item.get_absolute_url(),
    }
    return render(request, "motions/motion.html", context)


@require_safe
def rulebook(request: HttpRequest, org_slug: str) -> HttpResponse:
    org = get_object_or_404(Organisation, slug=org_slug)
    stored = services.current_rulebook(org)
    return render(request, "motions/rulebook.html", {"org": org, "rulebook": stored})


@require_safe
def rulebook_source(request: HttpRequest, org_slug: str) -> HttpResponse:
    """The rulebook in force, byte for byte as hashed (for `undersigned verify`); any
    version by its hash with ?sha256=."""
    org = get_object_or_404(Organisation, slug=org_slug)
    found = (
        org.rulebooks.filter(number=request.GET["version"]).first()
        if request.GET.get("version", "").isdigit()
        else services.current_rulebook(org)
    )
    if found is None:
        return HttpResponse("no rulebook\n", status=404, content_type="text/plain; charset=utf-8")
    return HttpResponse(found.source.encode(), content_type="text/plain; charset=utf-8")
