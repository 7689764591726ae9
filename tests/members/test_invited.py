from tests.members.base import RosterTestCase
from undersigned.members.eligibility import invited_list
from undersigned.members.models import InvitedEmail

URL = "/workspace/northern/members/invited/solidarity/"


class InvitedListTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)

    def test_an_organiser_replaces_the_list(self) -> None:
        response = self.client.post(
            URL, {"emails": "a@example.org\nB@example.org, c@example.org\n"}, follow=True
        )
        self.assertContains(response, "The invited list now has 3 addresses.")
        self.client.post(URL, {"emails": "d@example.org"})
        self.assertEqual(invited_list(self.letter).count(), 1)

    def test_it_keeps_only_digests(self) -> None:
        self.client.post(URL, {"emails": "secret.person@example.org"})
        self.assertNotIn("secret", str(list(InvitedEmail.objects.values())))

    def test_it_reports_bad_addresses_with_their_line(self) -> None:
        response = self.client.post(URL, {"emails": "a@example.org\nnot-an-email\n"})
        self.assertContains(
            response, "Line 2: “not-an-email” is not a valid email address.", status_code=400
        )
        self.assertFalse(InvitedEmail.objects.exists())

    def test_it_checks_the_organisation_and_role(self) -> None:
        for user in (self.moderator, self.other_owner, self.stranger):
            self.client.force_login(user)
            self.assertEqual(self.client.post(URL, {"emails": "a@example.org"}).status_code, 404)
        self.assertFalse(InvitedEmail.objects.exists())
