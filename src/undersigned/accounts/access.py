"""Who may do what in an organisation. Every workspace view goes through here."""

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from undersigned.accounts.models import Membership, Role

# What each role may do; an owner may do everything.
EDIT_LETTERS = (Role.OWNER, Role.ORGANISER)
MODERATE = (Role.OWNER, Role.ORGANISER, Role.MODERATOR)
MANAGE_PEOPLE = (Role.OWNER,)


def membership(
    user: User | AnonymousUser, org_slug: str, roles: tuple[str, ...] = MODERATE
) -> Membership:
    """The user's membership of the organisation if their role is one of `roles`.

    Raises Http404 otherwise, the same for "no such organisation", "not yours" and "your
    role may not do this", so that nobody learns what other organisations exist."""
    if not user.is_authenticated:
        raise Http404
    found = (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=org_slug, role__in=roles)
        .first()
    )
    if found is None:
        raise Http404
    return found
