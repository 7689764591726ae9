"""Emails about meetings, sent by the task worker. Arguments are ids only."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from undersigned.motions.models import BallotInvite, Meeting, NoticeRecipient
from undersigned.motions.tokens import token_for


@task
def send_notice(recipient_id: int) -> None:
    """The notice of a meeting to one eligible member; the address is forgotten once sent."""
    recipient = NoticeRecipient.objects.filter(pk=recipient_id).first()
    if recipient is None:
        return
    meeting = Meeting.objects.select_related("body__organisation").get(pk=recipient.meeting_id)
    context = {"meeting": meeting, "body": meeting.body, "motions": meeting.motions.all()}
    subject = _("Notice of meeting: %(body)s, %(when)s") % {
        "body": meeting.body.name,
        "when": meeting.starts_at.strftime("%d %B %Y"),
    }
    send_mail(
        subject, render_to_string("motions/email/notice.txt", context), None, [recipient.email]
    )
    recipient.delete()


@task
def send_ballot(invite_id: int) -> None:
    """A member's one-time ballot link; the address is forgotten once sent."""
    invite = (
        BallotInvite.objects.select_related("voter__poll__motion__meeting__body")
        .filter(pk=invite_id)
        .first()
    )
    if invite is None:
        return
    poll = invite.voter.poll
    context = {
        "motion": poll.motion,
        "poll": poll,
        "body": poll.motion.meeting.body,
        "url": settings.BASE_URL + reverse("motions:ballot", args=[token_for(invite.voter)]),
    }
    subject = _("Your vote: %(title)s") % {"title": poll.motion.title}
    send_mail(subject, render_to_string("motions/email/ballot.txt", context), None, [invite.email])
    invite.delete()
