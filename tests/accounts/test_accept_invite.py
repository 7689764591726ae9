import re
from datetime import timedelta

from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from tests.base import BaseTestCase
from undersigned.accounts import invites
from undersigned.accounts.models import Invite, Membership


class AcceptInviteTests(BaseTestCase):
    def invite(self, email: str = "new@example.org", role: str = "organiser") -> str:
        invites.invite(self.org, email, role, self.owner)
        return re.search(r"testserver(/accounts/invite/\S+/)", str(mail.outbox[-1].body)).group(1)

    def test_the_email_names_the_organisation_and_role(self) -> None:
        self.invite()
        message = mail.outbox[-1]
        self.assertIn("Northern Network", message.subject)
        self.assertIn("as organiser", str(message.body))

    def test_a_new_person_chooses_a_password_and_is_logged_in(self) -> None:
        path = self.invite()
        response = self.client.post(
            path,
            {"name": "Kim Lee", "password1": "long-enough-pass", "password2": "long-enough-pass"},
        )
        self.assertRedirects(response, "/workspace/")
        user = User.objects.get(email="new@example.org")
        self.assertEqual(user.get_full_name(), "Kim Lee")
        self.assertTrue(user.check_password("long-enough-pass"))
        self.assertEqual(Membership.objects.get(user=user).role, "organiser")
        self.assertContains(self.client.get("/workspace/"), "Northern Network")

    def test_passwords_must_match_and_be_strong(self) -> None:
        path = self.invite()
        response = self.client.post(
            path, {"name": "Kim", "password1": "a-b-c-d-e-f", "password2": "x"}
        )
        self.assertContains(response, "The two passwords differ.", status_code=400)
        response = self.client.post(path, {"name": "Kim", "password1": "123", "password2": "123"})
        self.assertContains(response, "too short", status_code=400)
        self.assertFalse(User.objects.filter(email="new@example.org").exists())

    def test_a_link_works_once(self) -> None:
        path = self.invite()
        data = {"name": "Kim", "password1": "long-enough-pass", "password2": "long-enough-pass"}
        self.client.post(path, data)
        self.client.logout()
        response = self.client.get(path)
        self.assertContains(response, "does not work", status_code=404)

    def test_an_old_link_has_expired(self) -> None:
        path = self.invite()
        Invite.objects.update(created=timezone.now() - timedelta(days=8))
        self.assertEqual(self.client.get(path).status_code, 404)

    def test_a_forged_link_is_refused(self) -> None:
        self.assertEqual(self.client.get("/accounts/invite/made-up-token/").status_code, 404)

    def test_someone_with_an_account_logs_in_first_then_accepts(self) -> None:
        path = self.invite(email="other@example.org", role="moderator")
        page = self.client.get(path)
        self.assertContains(page, "Log in as other@example.org")
        response = self.client.post(path, {"name": "x", "password1": "y", "password2": "y"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Membership.objects.filter(user=self.other_owner, organisation=self.org))
        self.client.force_login(self.other_owner)
        self.assertContains(self.client.get(path), "Accept invitation")
        response = self.client.post(path)
        self.assertRedirects(response, "/workspace/")
        membership = Membership.objects.get(user=self.other_owner, organisation=self.org)
        self.assertEqual(membership.role, "moderator")
        self.assertTrue(self.other_owner.check_password("password-for-tests"))
