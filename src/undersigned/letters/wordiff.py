"""What changed between two versions of a text, word by word, as a reader sees the text
(rendered from Markdown, not its source): for the public changes page."""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from undersigned.letters.markdown import render_markdown

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th"}
_WORDS = re.compile(r"\S+\s*")


class _Text(HTMLParser):
    """The text of each block of rendered HTML (paragraphs, list items, headings)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag == "br":
            self.end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.end_block()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def end_block(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def blocks_of(title: str, markdown: str) -> list[str]:
    parser = _Text()
    parser.feed(render_markdown(markdown))
    parser.close()
    parser.end_block()
    return [title, *parser.blocks]


@dataclass
class Block:
    """One paragraph (or heading, or list item) as pieces: (kind, text), kind "same", "add"
    or "del". `gap` marks unchanged paragraphs left out before this one."""

    pieces: list[tuple[str, str]] = field(default_factory=list)
    gap: bool = False


def _words(old: str, new: str) -> list[tuple[str, str]]:
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("same", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(("add", "".join(after[j1:j2])))
    return pieces


def word_diff(old: list[str], new: list[str]) -> list[Block]:
    """The changed blocks only, each with its words marked; a changed paragraph is paired
    with the one it replaced, so a one-word edit shows as one word."""
    found: list[Block] = []
    skipped = False
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            skipped = True
            continue
        olds, news = old[i1:i2], new[j1:j2]
        for number in range(max(len(olds), len(news))):
            before = olds[number] if number < len(olds) else ""
            after = news[number] if number < len(news) else ""
            pieces = _words(before, after)
            found.append(Block(pieces, gap=skipped and bool(found)))
            skipped = False
    return found
