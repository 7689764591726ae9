"""The kinds of subject a log can belong to (letters, motions...), registered by the apps
that own them, so that the log itself knows none of them (as Django's admin LogEntry knows
no model). A kind says what a log is called (its origin), and turns queued events into
entries, a batch at a time."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models

from undersigned.ledger.models import PendingEvent


@dataclass(frozen=True)
class Entry:
    """One entry to append. `counts`: it adds an item to the logged count (a signature's
    `sign`); `ref`: it changes whether the earlier counted entry at `ref` counts, to
    `counted` (a withdrawal, a removal, a restoration). `final`: the entry at `ref` can
    never count again (a signer's own withdrawal): a later entry that would count it is
    refused."""

    data: bytes
    counts: bool = False
    ref: int | None = None
    counted: bool = False
    final: bool = False


class Batch(Protocol):
    def entry(self, event: PendingEvent, logged: Mapping[int, int]) -> Entry | None:
        """The entry for this event, or None to skip it. `logged` maps the items given a
        counted entry earlier in this batch to that entry's index."""
        ...

    def appended(self, logged: Mapping[int, int], notify: bool) -> None:
        """Called in the appending transaction once the batch's entries are stored:
        `logged` maps each item given a counted entry to its index."""
        ...


class Kind(Protocol):
    @property
    def model(self) -> type[models.Model]:
        """The subject's model (Letter, Motion)."""
        ...

    def origin(self, subject: Any) -> str:
        """The log's name, the first line of its checkpoints."""
        ...

    def batch(self, subject: Any, events: list[PendingEvent], origin: str) -> Batch: ...


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    """Called from the owning app's AppConfig.ready()."""
    _KINDS[kind.model._meta.label_lower] = kind


def kind_of(subject_type: ContentType) -> Kind:
    label = f"{subject_type.app_label}.{subject_type.model}"
    try:
        return _KINDS[label]
    except KeyError:
        raise LookupError(f"no log kind is registered for {label}") from None


class Unverified(Exception):
    """A subject's log or page failed a check of `undersigned verify`; str() says which."""


type UrlVerifier = Callable[[str, dict[str, Any]], list[str]]

_VERIFIERS: list[tuple[re.Pattern[str], UrlVerifier]] = []


def register_verifier(path: str, check: UrlVerifier) -> None:
    """`undersigned verify URL` hands URLs whose path matches `path` (a regex) to `check`,
    which returns the lines to print or raises Unverified. Letters are the default."""
    _VERIFIERS.append((re.compile(path), check))


def verifier_for(url: str) -> UrlVerifier | None:
    path = urlsplit(url).path
    return next((check for pattern, check in _VERIFIERS if pattern.search(path)), None)
