"""Sharing a letter: the share image, QR codes, the embeddable widget and its snippet, and
the print view for delivering the letter."""

import hashlib
from collections.abc import Iterator
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from undersigned.accounts.access import MODERATE, membership
from undersigned.letters import queries
from undersigned.letters.models import Letter
from undersigned.lib import images

IMAGE_MAX_AGE = 300
EMBED_HEIGHT = 320


def milestone(count: int) -> int:
    """The round number at or below `count` (every number under 10, then 10, 20, ... 90,
    100, 200, ...): the share image changes only when the count crosses one."""
    if count < 10:
        return count
    magnitude: int = 10 ** (len(str(count)) - 1)
    return count // magnitude * magnitude


def count_label(count: int) -> str:
    """The count as the share image shows it, in the active language: "1,200+ signatures"."""
    shown = milestone(count)
    number = number_format(shown, force_grouping=True)
    if count > shown:
        return ngettext("%(count)s+ signature", "%(count)s+ signatures", shown) % {"count": number}
    return ngettext("%(count)s signature", "%(count)s signatures", shown) % {"count": number}


def share_image(letter: Letter) -> tuple[bytes, str]:
    """The letter's share image and its ETag. Built once per round number of the count (and
    per title), then served from the cache to every process."""
    parts = [
        letter.title,
        letter.organisation.name,
        count_label(letter.public_count),
        letter.organisation.accent_colour,
        letter.public_url.split("://", 1)[-1],
    ]
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
    key = f"share-image:{letter.pk}:{digest}"
    png = cache.get(key)
    if png is None:
        png = images.render_share_image(*parts)
        cache.set(key, png, 7 * 86400)
    return png, f'"{digest}"'


@require_safe
def image(request: HttpRequest, slug: str) -> HttpResponse:
    png, etag = share_image(queries.public_letter(slug))
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={IMAGE_MAX_AGE}"
    return response


@require_safe
def qr_svg(request: HttpRequest, slug: str) -> HttpResponse:
    letter = queries.public_letter(slug)
    svg = images.qr_svg(letter.public_url, letter.title)
    return _download(svg, "image/svg+xml", f"{letter.slug}-qr.svg")


@require_safe
def qr_png(request: HttpRequest, slug: str) -> HttpResponse:
    letter = queries.public_letter(slug)
    return _download(images.qr_png(letter.public_url), "image/png", f"{letter.slug}-qr.png")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # Inline, so that the snippet page can show it; its links carry `download`.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
@xframe_options_exempt
@csp_override({**cast(dict[str, Any], settings.SECURE_CSP), "frame-ancestors": ["*"]})
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The only page that other sites may show in a frame."""
    letter = queries.public_letter(slug)
    return render(request, "letters/share/embed.html", {"letter": letter, "url": letter.public_url})


@require_safe
def print_view(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The letter with every public signatory, for delivering it. Streamed, so a letter
    with a million names costs the server constant memory."""
    letter = queries.public_letter(slug)
    signatories = queries.public_signatures(letter).order_by("-is_initial", "confirmed_at", "id")
    hidden = letter.public_count - queries.public_signatures(letter).count()
    page = render_to_string(
        "letters/share/print.html",
        {
            "letter": letter,
            "names": mark_safe(_NAMES),  # noqa: S308 - a fixed marker, replaced below
            "hidden": max(hidden, 0),
            "url": letter.public_url,
        },
        request=request,
    )
    head, tail = page.split(_NAMES, 1)
    item = get_template("letters/_signatory.html")

    def stream() -> Iterator[str]:
        yield head
        batch: list[str] = []
        for signature in signatories.iterator(chunk_size=2000):
            batch.append(item.render({"s": signature}))
            if len(batch) == 500:
                yield "".join(batch)
                batch = []
        yield "".join(batch)
        yield tail

    return StreamingHttpResponse(stream(), content_type="text/html; charset=utf-8")


_NAMES = "<!--undersigned:signatories-->"


@login_required
@require_safe
def snippet(request: HttpRequest, slug: str) -> HttpResponse:
    """For the letter's organisation: the embed snippet, QR codes and share links."""
    letter = get_object_or_404(Letter.objects.select_related("organisation"), slug=slug)
    member = membership(request.user, letter.organisation.slug, MODERATE)
    url = letter.public_url
    embed_url = settings.BASE_URL + f"/l/{letter.slug}/embed"
    # A plain string (not marked safe), so the template escapes it for the textarea.
    # The frame starts tall enough for a long title; embed.js then fits it to its content.
    resize_url = settings.BASE_URL + static("undersigned/embed.js")
    code = (
        f'<iframe src="{escape(embed_url)}" title="{escape(letter.title)}" width="100%" '
        f'height="{EMBED_HEIGHT}" style="border:0;max-width:32rem" loading="lazy"></iframe>\n'
        f'<script src="{escape(resize_url)}" async></script>'
    )
    return render(
        request,
        "letters/share/snippet.html",
        {
            "letter": letter,
            "url": url,
            "embed_url": embed_url,
            "code": code,
            "is_public": letter.is_public,
            "member": member,
            "embed_height": EMBED_HEIGHT,
        },
    )
