"""Bar charts as inline SVG, drawn on the server: no script, no CDN, and the CSP's
style-src is not involved because only presentation attributes are used."""

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT, TOP, BOTTOM = 640, 180, 16, 22


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    peak: int
    first: str
    last: str
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - BOTTOM


def bar_chart(title: str, series: list[dict[str, Any]], key: str, fmt: int = 16) -> Chart:
    """One bar per point of a {key: iso-time, count: n} series; labels cut to fmt chars."""
    peak = max((point["count"] for point in series), default=0)
    plot = HEIGHT - TOP - BOTTOM
    step = WIDTH / max(len(series), 1)
    bars = []
    for i, point in enumerate(series):
        height = plot * point["count"] / peak if peak else 0
        label = point[key][:fmt].replace("T", " ")
        bars.append(
            Bar(
                x=round(i * step + step * 0.1, 2),
                y=round(TOP + plot - height, 2),
                width=round(step * 0.8, 2),
                height=round(height, 2),
                label=label,
                count=point["count"],
            )
        )
    return Chart(
        title=title,
        bars=bars,
        peak=peak,
        first=bars[0].label if bars else "",
        last=bars[-1].label if bars else "",
    )
