"""Finding 7: old API tokens came back after removal and re-invitation, or demotion and
promotion."""

from tests.api.test_organiser import OrganiserApiTestCase
from undersigned.accounts import roles
from undersigned.accounts.models import Membership, Role
from undersigned.api.models import ApiToken


class TokenRevocationTests(OrganiserApiTestCase):
    def membership(self) -> Membership:
        return Membership.objects.get(user=self.organiser, organisation=self.org)

    def test_demotion_revokes_the_persons_tokens(self) -> None:
        roles.change_role(self.membership(), Role.MODERATOR, self.owner)
        roles.change_role(self.membership(), Role.ORGANISER, self.owner)
        self.assert_error(self.get("letters"), 401, "unauthenticated")
        self.assertIsNotNone(ApiToken.objects.get(pk=self.token.pk).revoked_at)

    def test_removal_revokes_the_persons_tokens(self) -> None:
        roles.remove_member(self.membership(), self.owner)
        Membership.objects.create(user=self.organiser, organisation=self.org, role=Role.ORGANISER)
        self.assert_error(self.get("letters"), 401, "unauthenticated")

    def test_a_promotion_keeps_them(self) -> None:
        roles.change_role(self.membership(), Role.OWNER, self.owner)
        self.assertEqual(self.get("letters").status_code, 200)

    def test_tokens_of_other_organisations_are_kept(self) -> None:
        Membership.objects.create(
            user=self.organiser, organisation=self.other_org, role=Role.ORGANISER
        )
        other, secret = ApiToken.issue(self.organiser, self.other_org, "Other")
        roles.remove_member(self.membership(), self.owner)
        self.assertEqual(self.get("letters", secret=secret).status_code, 200)
