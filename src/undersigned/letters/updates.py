"""Updates to signers: organisers write one ("we delivered the letter"); the task worker
emails it to every confirmed signer who asked for updates, each email with a one-click
unsubscribe link. Also the one reminder to confirm, for signatures still pending after a
day (a periodic job of the worker's clock)."""

import email.policy
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from undersigned.accounts import audit
from undersigned.letters import tokens, translations
from undersigned.letters.models import Letter, LetterUpdate, Signature

REMIND_AFTER = timedelta(days=1)
BATCH = 500


class _Message(EmailMessage):
    """RFC 5322 allows 998 characters a line; at the usual 78, Python would wrap the long
    unsubscribe address in encoded words, which mail programs do not read as a link."""

    def message(self, *, policy: Any = email.policy.default) -> Any:
        return super().message(policy=policy.clone(max_line_length=998))


def post_update(letter: Letter, *, subject: str, body: str, by: User | None) -> LetterUpdate:
    """Store an update, audit it and queue its sending, in one transaction."""
    with transaction.atomic():
        update = LetterUpdate.objects.create(
            letter=letter, subject=subject.strip(), body=body.strip(), created_by=by
        )
        audit.record(letter.organisation, by, audit.UPDATE_SENT, letter, title=update.subject)
        send_update.enqueue(update.pk)
    return update


def subscribers(letter: Letter) -> "models.QuerySet[Signature]":
    return letter.signatures.filter(status=Signature.Status.CONFIRMED, wants_updates=True).exclude(
        email=""
    )


def unsubscribe_url(signature: Signature) -> str:
    token = tokens.make(signature.uid, tokens.UNSUBSCRIBE)
    return settings.BASE_URL + reverse("letters:unsubscribe", args=[signature.letter.slug, token])


def _email(signature: Signature, subject: str, template: str, **context: object) -> None:
    """One email with the unsubscribe link in its text and in the headers mail programs use
    for their own one-click button (RFC 8058)."""
    unsubscribe = unsubscribe_url(signature)
    # In the language the signer used when signing, with the letter's title in it.
    with translation.override(signature.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {
                "signature": signature,
                "letter": signature.letter,
                "title": translations.shown(signature.letter).title,
                "unsubscribe_url": unsubscribe,
            }
            | context,
        )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    _Message(subject, body, None, [signature.email], headers=headers).send()


@task
def send_update(update_id: int) -> None:
    """Email an update to its letter's subscribers. Claimed with a conditional UPDATE, so
    however many workers run it, it goes once."""
    if not LetterUpdate.objects.filter(pk=update_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    ):
        return
    update = LetterUpdate.objects.select_related("letter__organisation").get(pk=update_id)
    letter = update.letter
    sent, last = 0, 0
    while batch := list(subscribers(letter).filter(id__gt=last).order_by("id")[:BATCH]):
        for signature in batch:
            signature.letter = letter
            _email(
                signature,
                update.subject,
                "letters/email/update.txt",
                update=update,
                letter_url=letter.public_url,
            )
            sent += 1
        last = batch[-1].pk
        LetterUpdate.objects.filter(pk=update_id).update(recipients=sent)


def unsubscribe(signature: Signature) -> bool:
    """No more updates, and no reminder. False if there was nothing to stop."""
    return bool(
        Signature.objects.filter(pk=signature.pk)
        .filter(wants_updates=True)
        .update(wants_updates=False)
        + Signature.objects.filter(pk=signature.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
    )


def remind_unconfirmed() -> int:
    """The one reminder, for signatures of open letters still pending a day after signing
    (run by the worker's clock). Each signature is claimed by a conditional UPDATE, so
    several workers never remind anyone twice; the per-signature email limit holds."""
    now = timezone.now()
    due = Signature.objects.filter(
        status=Signature.Status.PENDING,
        reminded_at__isnull=True,
        created__lte=now - REMIND_AFTER,
        # While the first link still works: after that, a reminder would only confuse.
        created__gt=now - timedelta(days=settings.CONFIRM_LINK_DAYS),
        letter__status=Letter.Status.OPEN,
        emails_sent__lt=settings.MAX_EMAILS_PER_SIGNATURE,
    ).exclude(email="")
    reminded = 0
    for pk in list(due.values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            if Signature.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now, emails_sent=F("emails_sent") + 1
            ):
                send_reminder.enqueue(pk)
                reminded += 1
    return reminded


@task
def send_reminder(signature_id: int) -> None:
    signature = Signature.objects.select_related("letter__organisation").filter(pk=signature_id)
    found = signature.first()
    if found is None or found.status != Signature.Status.PENDING or not found.email:
        return
    letter = found.letter
    if not letter.is_open():
        return
    slug = letter.slug
    with translation.override(found.language or settings.LANGUAGE_CODE):
        subject = _("Reminder: confirm your signature on %(title)s") % {
            "title": translations.shown(letter).title
        }
    _email(
        found,
        subject,
        "letters/email/reminder.txt",
        confirm_url=settings.BASE_URL
        + reverse("letters:confirm", args=[slug, tokens.make(found.uid, tokens.CONFIRM)]),
        withdraw_url=settings.BASE_URL
        + reverse("letters:withdraw", args=[slug, tokens.make(found.uid, tokens.WITHDRAW)]),
        letter_url=letter.public_url,
        days=settings.CONFIRM_LINK_DAYS,
    )
