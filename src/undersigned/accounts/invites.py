"""Inviting people into an organisation, and accepting an invitation."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from undersigned.accounts import audit
from undersigned.accounts.models import Invite, Membership, Organisation


class AlreadyMember(Exception):
    """The invited address already belongs to someone in the organisation."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(organisation: Organisation, email: str, role: str, by: User) -> Invite:
    """Create an invitation and email its link. The token exists only in the email."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise AlreadyMember
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        found = Invite.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=_hash(token),
            invited_by=by,
        )
        audit.record(organisation, by, audit.INVITED, email=email, role=role)
    url = settings.BASE_URL + reverse("accept_invite", args=[token])
    body = render_to_string(
        "accounts/email/invite.txt",
        {"invite": found, "url": url, "by": by, "days": settings.INVITE_LINK_DAYS},
    )
    subject = gettext("You are invited to %(organisation)s on Undersigned") % {
        "organisation": organisation.name
    }
    send_mail(subject, body, None, [email])
    return found


def find(token: str) -> Invite | None:
    """The open invitation for this token, or None if it is unknown, used or expired."""
    oldest = timezone.now() - timedelta(days=settings.INVITE_LINK_DAYS)
    return (
        Invite.objects.select_related("organisation")
        .filter(token_hash=_hash(token), accepted_at__isnull=True, created__gte=oldest)
        .first()
    )


def existing_user(found: Invite) -> User | None:
    return User.objects.filter(email__iexact=found.email).order_by("id").first()


def accept(found: Invite, user: User) -> Membership | None:
    """Join the organisation in the invited role. Returns None if the invitation was used
    meanwhile (the conditional UPDATE lets exactly one acceptance through)."""
    with transaction.atomic():
        if not Invite.objects.filter(pk=found.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        ):
            return None
        membership, _ = Membership.objects.get_or_create(
            user=user, organisation=found.organisation, defaults={"role": found.role}
        )
        audit.record(found.organisation, user, audit.JOINED, role=membership.role)
    return membership


def create_user(found: Invite, name: str, password: str) -> User:
    first, _, last = name.strip().partition(" ")
    return User.objects.create_user(
        found.email, found.email, password, first_name=first[:150], last_name=last[:150]
    )


def cancel(found: Invite, by: User) -> bool:
    """Withdraw an invitation that has not been accepted; its link stops working."""
    with transaction.atomic():
        deleted, _ = Invite.objects.filter(pk=found.pk, accepted_at__isnull=True).delete()
        if deleted:
            audit.record(found.organisation, by, audit.INVITE_CANCELLED, email=found.email)
    return bool(deleted)
