"""Signatures over time as a small SVG drawn on the server: no script, no third party,
readable by screen readers through its title and description."""

from collections.abc import Sequence
from datetime import datetime

from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
MAX_POINTS = 400

type Series = Sequence[tuple[datetime, int]]


def thin(series: Series, most: int = MAX_POINTS) -> list[tuple[datetime, int]]:
    """At most `most` points, evenly spread, always keeping the last one."""
    if len(series) <= most:
        return list(series)
    step = len(series) / most
    kept = [series[int(i * step)] for i in range(most - 1)]
    return [*kept, series[-1]]


def _day(moment: datetime, short: bool = False) -> str:
    return str(formats.date_format(moment, "j M H:i" if short else "j M Y"))


def svg(series: Series, id_prefix: str = "chart") -> SafeString:
    if not series:
        return format_html("<p>{}</p>", _("No signatures logged yet."))
    first, last = series[0][0], series[-1][0]
    span = max((last - first).total_seconds(), 1.0)
    top = max(count for _, count in series) or 1
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    short = span < 2 * 24 * 3600  # under two days, the axis shows hours too

    def x(moment: datetime) -> float:
        return LEFT + (moment - first).total_seconds() / span * inner_w

    def y(count: int) -> float:
        return TOP + inner_h - count / top * inner_h

    points = []
    previous = 0
    for moment, count in series:
        points.append(f"{x(moment):.1f},{y(previous):.1f}")  # a step: flat until it moves
        points.append(f"{x(moment):.1f},{y(count):.1f}")
        previous = count
    title = _("Signatures over time")
    desc = _("From %(start)s to %(end)s the count went from %(first)s to %(last)s.") % {
        "start": _day(first),
        "end": _day(last),
        "first": series[0][1],
        "last": series[-1][1],
    }
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{p}-title {p}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>'
        '<g aria-hidden="true" font-size="12" fill="currentColor">'
        '<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="currentColor"/>'
        '<line x1="{left}" y1="{top_y}" x2="{left}" y2="{base}" stroke="currentColor"/>'
        '<text x="{label_x}" y="{top_label}" text-anchor="end">{top}</text>'
        '<text x="{label_x}" y="{base}" text-anchor="end">0</text>'
        '<text x="{left}" y="{date_y}">{start}</text>'
        '<text x="{right}" y="{date_y}" text-anchor="end">{end}</text>'
        "</g>"
        '<polyline aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" '
        'points="{points}"/></svg>',
        w=WIDTH,
        h=HEIGHT,
        p=id_prefix,
        title=title,
        desc=desc,
        left=LEFT,
        right=WIDTH - RIGHT,
        base=TOP + inner_h,
        top_y=TOP,
        label_x=LEFT - 6,
        top_label=TOP + 4,
        top=top,
        date_y=HEIGHT - 12,
        start=_day(first, short),
        end=_day(last, short),
        points=" ".join(points),
    )
