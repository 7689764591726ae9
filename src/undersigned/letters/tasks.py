"""Emails about a signature, sent by the task worker. Arguments are ids only, so the task
queue never holds personal data."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.tasks import Task, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from undersigned.letters import tokens, translations
from undersigned.letters.models import Refusal, Signature
from undersigned.letters.receipts import receipt as receipt_of
from undersigned.members import eligibility

type SignatureTask = Task[[int], None]
type RefusalTask = Task[[int], None]


def _links(signature: Signature) -> dict[str, str]:
    slug = signature.letter.slug
    return {
        "confirm_url": settings.BASE_URL
        + reverse("letters:confirm", args=[slug, tokens.make(signature.uid, tokens.CONFIRM)]),
        "withdraw_url": settings.BASE_URL
        + reverse("letters:withdraw", args=[slug, tokens.make(signature.uid, tokens.WITHDRAW)]),
        "letter_url": signature.letter.public_url,
    }


def language_of(signature: Signature) -> str:
    """The language the signer used when signing: their emails are written in it."""
    return signature.language or settings.LANGUAGE_CODE


def title_for(signature: Signature) -> str:
    """The letter's title as the signer read it."""
    return translations.shown(signature.letter, language_of(signature)).title


def _mail(signature: Signature, template: str, subject: str, **extra: Any) -> None:
    """`subject` is a msgid with %(title)s; call inside the signer's language."""
    title = title_for(signature)
    context = {
        "signature": signature,
        "letter": signature.letter,
        "title": title,
        **_links(signature),
        **extra,
    }
    body = render_to_string(f"letters/email/{template}.txt", context)
    send_mail(_(subject) % {"title": title}, body, None, [signature.email])


@task
def send_confirmation(signature_id: int) -> None:
    signature = Signature.objects.select_related("letter").filter(pk=signature_id).first()
    if signature is None or signature.status != Signature.Status.PENDING or not signature.email:
        return
    with translation.override(language_of(signature)):
        _mail(
            signature,
            "confirm",
            gettext_noop("Confirm your signature: %(title)s"),
            days=settings.CONFIRM_LINK_DAYS,
        )


@task
def send_already_signed(signature_id: int) -> None:
    signature = Signature.objects.select_related("letter").filter(pk=signature_id).first()
    if signature is None or signature.status != Signature.Status.CONFIRMED:
        return
    with translation.override(language_of(signature)):
        _mail(signature, "already_signed", gettext_noop("You have already signed: %(title)s"))


@task
def send_receipt(signature_id: int) -> None:
    """Email a signer their log receipt (a C2SP tlog-proof) once their signature is logged."""
    signature = Signature.objects.select_related("letter").filter(pk=signature_id).first()
    if signature is None or signature.status != Signature.Status.CONFIRMED or not signature.email:
        return
    receipt = receipt_of(signature)
    if receipt is None:
        return
    with translation.override(language_of(signature)):
        title = title_for(signature)
        context = {
            "signature": signature,
            "letter": signature.letter,
            "title": title,
            "receipt": receipt.text,
            "index": receipt.index,
            **_links(signature),
        }
        message = EmailMessage(
            _("Your signature is in the public log: %(title)s") % {"title": title},
            render_to_string("letters/email/receipt.txt", context),
            None,
            [signature.email],
        )
    message.attach(f"{signature.letter.slug}.tlog-proof", receipt.text, "text/plain")
    message.send()


@task
def send_not_eligible(refusal_id: int) -> None:
    """The polite refusal for someone a letter is not open to; the address is forgotten once
    the email has gone."""
    refusal = Refusal.objects.select_related("letter__organisation").filter(pk=refusal_id).first()
    if refusal is None:
        return
    letter = refusal.letter
    # No signature holds a language here: the refusal keeps the one the signer used.
    with translation.override(refusal.language or settings.LANGUAGE_CODE):
        title = translations.shown(letter).title
        context = {
            "letter": letter,
            "title": title,
            "open_to": eligibility.open_to(letter.audience()),
            "contact_email": letter.organisation.contact_email,
            "letter_url": letter.public_url,
        }
        body = render_to_string("letters/email/not_eligible.txt", context)
        subject = _("About your signature: %(title)s") % {"title": title}
    send_mail(subject, body, None, [refusal.email])
    refusal.delete()


@task
def send_member_used(refusal_id: int) -> None:
    """The polite refusal when the membership given already vouches for another signature of
    the letter; the address is forgotten once the email has gone."""
    refusal = Refusal.objects.select_related("letter__organisation").filter(pk=refusal_id).first()
    if refusal is None:
        return
    letter = refusal.letter
    context = {
        "letter": letter,
        "contact_email": letter.organisation.contact_email,
        "letter_url": letter.public_url,
    }
    body = render_to_string("letters/email/member_used.txt", context)
    send_mail(f"About your signature: {letter.title}", body, None, [refusal.email])
    refusal.delete()


@task
def send_subject_access(signature_id: int) -> None:
    """The link to a signer's own data, emailed to the address that signed."""
    signature = Signature.objects.select_related("letter").filter(pk=signature_id).first()
    if signature is None or not signature.email:
        return
    link = settings.BASE_URL + reverse(
        "letters:my_data", args=[signature.letter.slug, tokens.make(signature.uid, tokens.ACCESS)]
    )
    _mail(
        signature,
        "subject_access",
        f"Your data: {signature.letter.title}",
        access_url=link,
        days=settings.CONFIRM_LINK_DAYS,
    )
