"""A letter's verifiable log: how letter events become `undersigned/v1` entries, the log's
public addresses (count.json, the checkpoint, the tiles) and a signer's receipt. Registered
with the ledger, which knows no letters (see ledger/subjects.py)."""

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from undersigned.ledger import entries, notes, subjects
from undersigned.ledger import views as ledger_views
from undersigned.ledger.models import Log, PendingEvent
from undersigned.letters import tasks
from undersigned.letters.models import Letter, LetterVersion, Signature

log = logging.getLogger(__name__)

# The events a letter's log records (PendingEvent.kind).
TEXT, SIGN, WITHDRAW, REMOVE, RESTORE = "text", "sign", "withdraw", "remove", "restore"


def origin(slug: str) -> str:
    """The name of a new letter's log: its URL prefix without the scheme, as tlog-tiles
    recommends (`<origin host>[/<BASE_URL path>]/l/<slug>/log`). Logs made before this
    was so keep the name they have, `<origin host>/l/<slug>` (Log.origin is stored)."""
    base = urlsplit(settings.BASE_URL).path.rstrip("/")
    return f"{notes.origin_host()}{base}/l/{slug}/log"


class LetterLogKind:
    model = Letter

    def origin(self, subject: Letter) -> str:
        return origin(subject.slug)

    def batch(self, subject: Letter, events: list[PendingEvent], origin: str) -> "LetterBatch":
        return LetterBatch(subject, events, origin)


class LetterBatch:
    def __init__(self, letter: Letter, events: list[PendingEvent], origin: str) -> None:
        self.letter, self.origin = letter, origin
        ids = {event.item_id for event in events if event.item_id is not None}
        self.signatures = Signature.objects.select_related("branch").in_bulk(ids)

    def entry(self, event: PendingEvent, logged: Mapping[int, int]) -> subjects.Entry | None:
        moment = event.created or timezone.now()
        if event.kind == TEXT:
            version = event.version or self.letter.version
            text = (
                LetterVersion.objects.filter(letter=self.letter, number=version)
                .values_list("body", flat=True)
                .first()
            )
            if text is None:
                text = self.letter.body
            return subjects.Entry(entries.text_entry(version, text, moment))
        signature = self.signatures.get(event.item_id or 0)
        if signature is None:
            log.warning("event %s has no signature: skipped", event.pk)
            return None
        if event.kind == SIGN:
            return subjects.Entry(self._sign(signature, moment), counts=True)
        # The signature may have been logged earlier in this very batch.
        index = logged.get(signature.pk, signature.log_index)
        if index is None:
            log.warning("event %s refers to a signature that was never logged: skipped", event.pk)
            return None
        data = entries.adjustment_entry(
            event.kind,
            index,
            moment,
            event.reason or signature.removal_reason,
            hidden=signature.display == Signature.Display.HIDDEN,
        )
        return subjects.Entry(
            data, ref=index, counted=event.kind == RESTORE, final=event.kind == WITHDRAW
        )

    def _sign(self, signature: Signature, moment: Any) -> bytes:
        branch = signature.branch.code if signature.branch else ""
        hidden = signature.display == Signature.Display.HIDDEN
        display = ""
        if not hidden and signature.display_salt:
            record = entries.display_record(signature.name, signature.public_role, branch)
            display = entries.display_hash(signature.display_salt, record)
        return entries.sign_entry(
            version=signature.version,
            commitment=entries.commit(signature.commit_salt, self.origin, signature.email),
            member=signature.member,
            branch=branch,
            display=display,
            moment=moment,
            hidden=hidden,
        )

    def appended(self, logged: Mapping[int, int], notify: bool) -> None:
        for item_id, index in logged.items():
            self.signatures[item_id].log_index = index
        Signature.objects.bulk_update(
            [self.signatures[item_id] for item_id in logged], ["log_index"], batch_size=500
        )
        if notify:
            for item_id in logged:
                tasks.send_receipt.enqueue(item_id)


def _public_logs(slug: str) -> QuerySet[Log]:
    """The log of the public letter `slug`, as a query (no query is run here)."""
    letters = Letter.objects.public().filter(slug=slug).values("pk")
    return Log.objects.filter(subject_type=_letter_type(), subject_id__in=letters)


def _letter_type() -> ContentType:
    return ContentType.objects.get_for_model(Letter)


@require_safe
def count(request: HttpRequest, slug: str) -> JsonResponse:
    letter = get_object_or_404(Letter.objects.public(), slug=slug)
    letter_log = Log.objects.of(letter).first()
    response = JsonResponse(
        {
            "origin": letter_log.origin if letter_log else origin(slug),
            # The key under the name the log signs with (for a witness or a Go verifier).
            "vkey": notes.log_signer(
                letter_log.key_name if letter_log else origin(slug)
            ).verifier.vkey,
            "count": letter.public_count,
            "logged_count": letter_log.logged_count if letter_log else 0,
            "tree_size": letter_log.size if letter_log else 0,
            "pending": PendingEvent.objects.filter(
                subject_type=_letter_type(), subject_id=letter.pk
            ).count(),
            "checkpoint": request.build_absolute_uri(
                reverse("letters:log_checkpoint", args=[slug])
            ),
        }
    )
    response["Cache-Control"] = ledger_views.FRESH
    return response


@require_safe
def checkpoint(request: HttpRequest, slug: str) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.public(), slug=slug)
    return ledger_views.checkpoint(Log.objects.of(letter).first())


@require_safe
@gzip_page  # entry bundles are text and compress well; the spec asks for HTTP compression
def tile(request: HttpRequest, slug: str, path: str) -> HttpResponse:
    return ledger_views.tile(_public_logs(slug), path)
