"""The Welsh catalogue as the tests read it: which English strings must not appear on a page
rendered in Welsh."""

import gettext
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|<[^>]+>|%%")


@cache
def translated_msgids(language: str = "cy") -> frozenset[str]:
    """Every msgid whose translation differs from it (singulars and plurals alike)."""
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    found = set()
    for key, text in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and text != msgid:
            found.add(msgid)
    return frozenset(found)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "pre", "code"}:
            self.skip += 1
        for name, value in attrs:
            if name in {"aria-label", "alt", "title", "placeholder", "content"} and value:
                self.nodes.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "pre", "code"}:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            self.nodes.append(data)


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [" ".join(node.split()) for node in parser.nodes]


def english_left(text: str | list[str], language: str = "cy") -> list[str]:
    """The catalogue's English strings found in `text` (an email body, or a page's text
    nodes): a whole node equal to a msgid, or a literal stretch of a msgid of at least
    three words found anywhere."""
    nodes = [text] if isinstance(text, str) else text
    whole = " ".join(nodes)
    found = []
    for msgid in translated_msgids(language):
        flat = " ".join(msgid.split())
        if any(node.strip() == flat for node in nodes):
            found.append(msgid)
            continue
        for fragment in PLACEHOLDER.split(flat):
            fragment = fragment.strip(" ,.:;()“”\"'")
            if len(fragment.split()) >= 3 and fragment in whole:
                found.append(msgid)
                break
    return sorted(found)
