"""Invitations for a letter open to an invited list: each address gets one email asking it
to sign, when the list is set on an open letter or when the letter is published. The
addresses wait in Invitation rows, deleted as each email goes."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from undersigned.letters.models import Invitation, Letter
from undersigned.lib.emails import normalise_email
from undersigned.members.eligibility import invited_list


def invite(letter: Letter, emails: list[str]) -> int:
    """Queue an invitation to each address (sent now if the letter is open, else when it is
    published). Returns how many."""
    unique = sorted({normalise_email(email) for email in emails})
    with transaction.atomic():
        Invitation.objects.filter(letter=letter).delete()
        Invitation.objects.bulk_create(Invitation(letter=letter, email=e) for e in unique)
        if letter.is_open():
            send_invitations.enqueue(letter.pk)
    return len(unique)


def waiting(letter: Letter) -> int:
    return Invitation.objects.filter(letter=letter).count()


@task
def send_invitations(letter_id: int) -> None:
    """Email every waiting invitation of an open letter; each row is deleted as it is sent,
    so a second run sends nothing twice."""
    letter = Letter.objects.select_related("organisation").filter(pk=letter_id).first()
    if letter is None or not letter.is_open():
        return
    # Nobody on the list has chosen a language yet: the site's default, whoever set the list.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are invited to sign: %(title)s") % {"title": letter.title}
        body = render_to_string(
            "letters/email/invitation.txt",
            {"letter": letter, "letter_url": letter.public_url + "#sign"},
        )
    while batch := list(Invitation.objects.filter(letter=letter).order_by("id")[:500]):
        for invitation in batch:
            with transaction.atomic():
                if not Invitation.objects.filter(pk=invitation.pk).delete()[0]:
                    continue  # another worker sent it
                send_mail(subject, body, None, [invitation.email])


def after_publish(letter: Letter) -> None:
    """Called by services.publish, in its transaction: an invited-list letter sends the
    invitations that waited for publication."""
    if letter.eligibility == Letter.Eligibility.INVITED:
        send_invitations.enqueue(letter.pk)


def publish_problem(letter: Letter) -> str:
    """Why the letter may not be published yet ('' if it may)."""
    if letter.eligibility == Letter.Eligibility.INVITED and not invited_list(letter).exists():
        return _(
            "The letter is open to an invited list, and the list is empty: add the addresses first."
        )
    return ""
