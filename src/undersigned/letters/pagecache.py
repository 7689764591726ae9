"""What every reader of a public letter sees, kept in Django's cache: the letter page (for a
reader with nothing of their own on it), the count document and the first page of the
signatories API. A busy letter is read far more often than it is signed.

Invalidation is exact. Each letter has a state token in the cache; every cached part of
the letter is stored with the token it was built under and is used only while the token is
unchanged. `changed()` replaces the token when the transaction that changes something a
reader sees commits (a confirmation, a withdrawal, a removal, an erasure, a new version of
the text, closing, an edit of the letter, its organisation, a branch or an organiser, and
any audited action of the organisation, such as a roster import).
Because a reader reads the token before the database, a part built from data older than
a commit is never stored under the token that follows it. A part that depends on the clock
(an open letter with a closing time) is stored with the time it stops being true.

The cache must be shared by every web process for that: PAGE_CACHE is on by default only
with REDIS_URL (each process's local memory cache would miss the others' changes).
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from undersigned.accounts.models import AuditEntry
from undersigned.letters.models import Letter, Signature
from undersigned.lib.signals import public_change

# Stand-ins for what differs between readers, replaced in every answer from the cache.
CSRF_MARK = "undersigned-page-cache-csrf-token"
NONCE_MARK = "undersigned-page-cache-csp-nonce"


def enabled() -> bool:
    return bool(settings.PAGE_CACHE)


def _state_key(slug: str, row: bool = False) -> str:
    """The token of everything a reader sees, or (row) of the letter's row but its counts."""
    return f"letter-{'row-' if row else ''}state:{slug}"


def _part_key(slug: str, part: str) -> str:
    return f"letter-{part}:{slug}"


@dataclass
class Lookup:
    """A cached part of one letter, found or not (value None), and how to store it."""

    slug: str
    part: str
    state: str
    value: Any = None

    def store(self, value: Any, valid_until: datetime | None = None) -> None:
        if self.state:
            cache.set(
                _part_key(self.slug, self.part),
                (self.state, valid_until, value),
                settings.PAGE_CACHE_SECONDS,
            )


def lookup(slug: str, part: str, *, row: bool = False) -> Lookup:
    """The letter's state token and the part built under it, in one cache round trip
    (row: the token of the letter's row, which a change of its counts leaves alone)."""
    if not enabled():
        return Lookup(slug, part, state="")
    state_key, part_key = _state_key(slug, row), _part_key(slug, part)
    found = cache.get_many([state_key, part_key])
    state = found.get(state_key)
    if state is None:
        # No token (a new cache, evicted or expired): start one, so nothing stored before
        # counts. Tokens expire like the parts, so asking for unknown slugs fills nothing.
        fresh = uuid.uuid4().hex
        seconds = settings.PAGE_CACHE_SECONDS
        state = fresh if cache.add(state_key, fresh, seconds) else cache.get(state_key, fresh)
        return Lookup(slug, part, state)
    entry = found.get(part_key)
    if entry is not None:
        built_under, valid_until, value = entry
        if built_under == state and (valid_until is None or timezone.now() < valid_until):
            return Lookup(slug, part, state, value)
    return Lookup(slug, part, state)


def changed(slugs: Iterable[str], *, counts_only: bool = False) -> None:
    """Every cached part of these letters goes stale when the current transaction commits
    (at once outside a transaction). Call it beside any change a reader of the letter sees
    (counts_only: a confirmation or withdrawal, which leaves the cached letter row alone)."""
    if not enabled() or not (slugs := list(slugs)):
        return

    def replace_tokens() -> None:
        keys = [_state_key(slug) for slug in slugs]
        if not counts_only:
            keys += [_state_key(slug, row=True) for slug in slugs]
        cache.set_many({key: uuid.uuid4().hex for key in keys}, settings.PAGE_CACHE_SECONDS)

    # At once as well, so that no part cached before the change serves a read later in the
    # same transaction (what other readers cache meanwhile, from the data as it was before
    # the commit, is dropped by the second replacement).
    replace_tokens()
    transaction.on_commit(replace_tokens)


def _letter_saved(sender: type, instance: Letter, **kwargs: Any) -> None:
    changed([instance.slug])


def _organisation_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    """An organisation, or one of its regions or branches (names on the page)."""
    organisation_id = getattr(instance, "organisation_id", instance.pk)
    changed(Letter.objects.filter(organisation_id=organisation_id).values_list("slug", flat=True))


def _audited(sender: type, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """Every organisation-level change is audited, a roster import among them (it marks
    lapsed members and moves the verified breakdown, in bulk updates no signal reports)."""
    if created:
        _organisation_saved(sender, instance)


def _organiser_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= {"last_login", "password"}:
        return  # a login: nothing the public sees
    changed(Letter.objects.filter(organisers=instance).values_list("slug", flat=True))


def _organisers_changed(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        if isinstance(instance, Letter):
            changed([instance.slug])
        else:
            _organiser_saved(sender, instance)


def _shown_elsewhere_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    """A motion a letter answers changed its verdict (shown on the letter page)."""
    if sender is Letter._meta.get_field("in_response_to").related_model:
        changed(Letter.objects.filter(in_response_to=instance).values_list("slug", flat=True))


def connect() -> None:
    """Changes made by saving models rather than through services (the workspace's forms,
    the admin). Called by the app's ready(); the models come through the relations, so
    this holds wherever organisations, regions and branches live."""
    organisation = Letter._meta.get_field("organisation").related_model
    region = Signature._meta.get_field("region").related_model
    branch = Signature._meta.get_field("branch").related_model
    post_save.connect(_letter_saved, sender=Letter, dispatch_uid="pagecache-letter")
    post_delete.connect(_letter_saved, sender=Letter, dispatch_uid="pagecache-letter-gone")
    for model in (organisation, region, branch):
        post_save.connect(_organisation_saved, sender=model, dispatch_uid=f"pagecache-{model}")
    post_save.connect(
        _organiser_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="pagecache-user"
    )
    post_save.connect(_audited, sender=AuditEntry, dispatch_uid="pagecache-audit")
    public_change.connect(_shown_elsewhere_changed, dispatch_uid="pagecache-shown-elsewhere")
    m2m_changed.connect(
        _organisers_changed, sender=Letter.organisers.through, dispatch_uid="pagecache-organisers"
    )


def valid_until(letter: Letter) -> datetime | None:
    """When a part built now stops being true by the clock alone: an open letter closes."""
    return letter.closes_at if letter.is_open() else None


# Moved by every confirmation (counts_only), so not kept with the cached row: read from the
# database when used (Django loads a deferred field on first access).
COUNTERS = ("confirmed_count", "member_count", "removed_count", "last_milestone")


def public_letter(slug: str) -> Letter | None:
    """The public letter at this slug with its organisation (None: no such letter, or a
    draft), kept in the cache under the row's token (replaced by every change of the
    letter, its organisation, regions, branches or organisers, but not by a confirmation):
    signing and confirming read the letter without a query. Its counters are deferred."""
    found = lookup(slug, "letter", row=True)
    if found.value is not None:
        return found.value  # type: ignore[no-any-return]
    letters = Letter.objects.public().select_related("organisation").defer(*COUNTERS)
    letter = letters.filter(slug=slug).first()
    if letter is not None:
        found.store(letter, valid_until(letter))
    return letter


# --- The letter page ---


def is_cacheable(request: HttpRequest) -> bool:
    """The first page, for a reader with no session (so not logged in) and no flash
    message waiting: everything on it but the CSRF token and the CSP nonce is the same for
    every such reader."""
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def page_lookup(request: HttpRequest, slug: str) -> Lookup | None:
    """For a reader who may share the page, the cached page (or where to store it); None
    for anyone else. Call it before reading the letter: see the module's docstring."""
    # One page per language: the reader's (LocaleMiddleware's choice) sets the interface
    # and which text of the letter is shown.
    return lookup(slug, f"page-{get_language()}") if is_cacheable(request) else None


def personalise(request: HttpRequest, html: str) -> HttpResponse:
    """A stored page with this reader's CSRF token and CSP nonce put in."""
    # A nonce is false until generated: str() generates it, which puts it in the CSP header.
    nonce = get_nonce(request)
    html = html.replace(NONCE_MARK, str(nonce) if nonce is not None else "")
    return HttpResponse(html.replace(CSRF_MARK, get_token(request)))


def page(
    request: HttpRequest,
    found: Lookup | None,
    letter: Letter,
    render: Callable[..., HttpResponse],
) -> HttpResponse:
    """Render the letter page with `render(**extra_context)`. For a reader who may share
    it, render it with stand-ins for the per-reader parts, store that, and answer with
    this reader's values put in."""
    if found is None:
        return render()
    response = render(csrf_token=CSRF_MARK, csp_nonce=NONCE_MARK)
    if response.status_code != 200:
        return response
    html = response.content.decode()
    found.store(html, valid_until(letter))
    return personalise(request, html)
