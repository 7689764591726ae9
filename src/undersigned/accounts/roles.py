"""Changing people's roles in an organisation. An organisation always keeps an owner."""

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from undersigned.accounts import audit, signals
from undersigned.accounts.models import Membership, Role

# What each role may do, as a rank: a move down the ranks is a demotion.
RANK = {Role.MODERATOR: 1, Role.ORGANISER: 2, Role.OWNER: 3}


class LastOwner(Exception):
    """The change would leave the organisation without an owner."""


def _check_owners(membership: Membership) -> None:
    # Lock the owners' rows so two owners demoting each other at once cannot both succeed.
    owners = list(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.OWNER)
        .values_list("pk", flat=True)
    )
    if owners == [membership.pk]:
        raise LastOwner


def change_role(membership: Membership, role: str, by: User | AnonymousUser) -> Membership:
    with transaction.atomic():
        if membership.role == Role.OWNER and role != Role.OWNER:
            _check_owners(membership)
        before, membership.role = membership.role, Role(role)
        membership.save(update_fields=["role"])
        if RANK[Role(membership.role)] < RANK[Role(before)]:
            signals.role_reduced.send(
                Membership, user=membership.user, organisation=membership.organisation
            )
        audit.record(
            membership.organisation,
            by,
            audit.ROLE_CHANGED,
            person=membership.user.get_username(),
            before=before,
            after=membership.role,
        )
    return membership


def remove_member(membership: Membership, by: User | AnonymousUser) -> None:
    with transaction.atomic():
        if membership.role == Role.OWNER:
            _check_owners(membership)
        audit.record(membership.organisation, by, audit.LEFT, person=membership.user.get_username())
        signals.role_reduced.send(
            Membership, user=membership.user, organisation=membership.organisation
        )
        membership.delete()
