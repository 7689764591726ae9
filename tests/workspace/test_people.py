import re

from django.core import mail

from tests.base import BaseTestCase
from undersigned.accounts.models import Invite, Membership

URL = "/workspace/northern/people/"


class PeopleTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.owner)

    def test_it_lists_the_people_and_their_roles(self) -> None:
        page = self.client.get(URL)
        for person in ("owner@example.org", "organiser@example.org", "moderator@example.org"):
            self.assertContains(page, f'data-person="{person}"')
        self.assertNotContains(page, "other@example.org")

    def test_an_invitation_is_emailed_and_only_its_hash_is_stored(self) -> None:
        response = self.client.post(URL, {"email": "new@example.org", "role": "moderator"})
        self.assertRedirects(response, URL)
        invite = Invite.objects.get()
        self.assertEqual((invite.email, invite.role), ("new@example.org", "moderator"))
        self.assertIn("/accounts/invite/", str(mail.outbox[-1].body))
        self.assertNotIn(invite.token_hash, str(mail.outbox[-1].body))
        self.assertContains(self.client.get(URL), "new@example.org as moderator")

    def test_inviting_someone_already_here_is_refused(self) -> None:
        response = self.client.post(URL, {"email": "Moderator@example.org", "role": "owner"})
        self.assertContains(response, "in the organisation already", status_code=400)
        self.assertFalse(Invite.objects.exists())

    def test_a_bad_role_or_email_is_refused(self) -> None:
        response = self.client.post(URL, {"email": "nope", "role": "king"})
        self.assertContains(response, "Enter an email address like", status_code=400)
        self.assertContains(response, "Select a valid choice", status_code=400)

    def test_an_owner_changes_a_role(self) -> None:
        membership = Membership.objects.get(user=self.moderator)
        self.client.post(f"{URL}{membership.pk}/role/", {f"m{membership.pk}-role": "organiser"})
        membership.refresh_from_db()
        self.assertEqual(membership.role, "organiser")

    def test_the_last_owner_cannot_step_down_or_be_removed(self) -> None:
        membership = Membership.objects.get(user=self.owner)
        response = self.client.post(
            f"{URL}{membership.pk}/role/", {f"m{membership.pk}-role": "moderator"}, follow=True
        )
        self.assertContains(response, "at least one owner")
        response = self.client.post(f"{URL}{membership.pk}/remove/", follow=True)
        self.assertContains(response, "at least one owner")
        membership.refresh_from_db()
        self.assertEqual(membership.role, "owner")

    def test_an_owner_removes_someone(self) -> None:
        membership = Membership.objects.get(user=self.moderator)
        self.client.post(f"{URL}{membership.pk}/remove/")
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())
        self.client.force_login(self.moderator)
        response = self.client.get("/workspace/northern/letters/solidarity/moderation/")
        self.assertEqual(response.status_code, 404)

    def test_an_owner_cancels_an_invitation_and_its_link_stops_working(self) -> None:
        self.client.post(URL, {"email": "new@example.org", "role": "moderator"})
        link = re.search(r"testserver(/accounts/invite/\S+/)", str(mail.outbox[-1].body)).group(1)
        invite = Invite.objects.get()
        response = self.client.post(f"{URL}invites/{invite.pk}/cancel/", follow=True)
        self.assertContains(response, "The invitation to new@example.org was cancelled.")
        self.assertFalse(Invite.objects.exists())
        self.client.logout()
        self.assertEqual(self.client.get(link).status_code, 404)

    def test_an_invitation_of_another_organisation_cannot_be_cancelled(self) -> None:
        from undersigned.accounts import invites

        theirs = invites.invite(self.other_org, "x@example.org", "organiser", self.other_owner)
        response = self.client.post(f"{URL}invites/{theirs.pk}/cancel/")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(Invite.objects.filter(pk=theirs.pk).exists())
