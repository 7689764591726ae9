"""Pages for checking a count and for quoting it: the in-browser check and the press page
with its permanent snapshots and evidence bundles."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from undersigned.ledger.models import Log
from undersigned.letters import chart, evidence, press, queries
from undersigned.letters.markdown import render_markdown
from undersigned.letters.models import Letter, LetterVersion


@require_safe
def check(request: HttpRequest, slug: str) -> HttpResponse:
    letter = queries.public_letter(slug)
    return render(request, "letters/press/check.html", {"letter": letter})


def _snapshot(letter: Letter, size: int | None) -> tuple[Log, press.Snapshot]:
    log = press.log_for(letter)
    checkpoint = press.checkpoint_at(log, size) if log else None
    if log is None or checkpoint is None:
        raise Http404("no checkpoint of this size")
    return log, press.snapshot(log, checkpoint)


@require_safe
def press_page(request: HttpRequest, slug: str, size: int | None = None) -> HttpResponse:
    letter = queries.public_letter(slug)
    log, snap = _snapshot(letter, size)
    latest = press.checkpoint_at(log)
    live = press.snapshot(log, latest) if latest and latest.size != snap.size else snap
    version = LetterVersion.objects.filter(letter=letter, number=snap.text_version).first()
    figures = press.breakdown(letter, snap)
    permalink = settings.BASE_URL + reverse("press:snapshot", args=[letter.slug, snap.size])
    return render(
        request,
        "letters/press/press.html",
        {
            "letter": letter,
            "snap": snap,
            "breakdown": figures,
            "headline": press.headline(snap, figures),
            "wording": press.wording(letter, snap, permalink),
            "chart": chart.svg(snap.series, "press-chart"),
            "live": live,
            "pinned": size is not None,
            "version": version,
            "text_html": render_markdown(version.body) if version else "",
            "organisers": queries.organiser_names(letter),
            "permalink": permalink,
        },
    )


@require_safe
def evidence_zip(request: HttpRequest, slug: str, size: int) -> HttpResponse:
    letter = queries.public_letter(slug)
    log, snap = _snapshot(letter, size)
    response = HttpResponse(evidence.bundle(letter, log, snap), content_type="application/zip")
    name = f"{letter.slug}-{snap.size}-evidence.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "public, max-age=300"
    return response
