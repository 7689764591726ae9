from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.members.base import HEADER, ROSTER, RosterTestCase
from undersigned.members.models import RosterEntry

URL = "/workspace/northern/members/roster/"


def upload(text: str, name: str = "roster.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


class RosterUploadTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.owner)

    def test_the_owner_sees_the_upload_form(self) -> None:
        self.assertContains(self.client.get(URL), "Upload the roster")

    def test_it_imports_and_says_what_changed(self) -> None:
        response = self.client.post(URL, {"file": upload(ROSTER)}, follow=True)
        self.assertRedirects(response, "/workspace/northern/members/")
        self.assertContains(response, "3 added, 0 updated, 0 marked lapsed")
        self.assertContains(response, "<strong>2</strong> active members, 1 lapsed", html=False)
        self.assertEqual(RosterEntry.objects.count(), 3)

    def test_it_lists_the_problems_with_their_lines_and_changes_nothing(self) -> None:
        text = HEADER + "A001,ada@example.org,Leeds,,,\nA002,x,York,,,\n"
        response = self.client.post(URL, {"file": upload(text)})
        self.assertContains(response, "Nothing was changed: 2 problems found", status_code=400)
        self.assertContains(response, "Line 2, column branch: There is no branch", status_code=400)
        self.assertContains(response, "Line 3, column email:", status_code=400)
        self.assertEqual(RosterEntry.objects.count(), 0)

    def test_a_dry_run_shows_the_counts_and_changes_nothing(self) -> None:
        response = self.client.post(URL, {"file": upload(ROSTER), "dry_run": "on"})
        self.assertContains(response, "3 added")
        self.assertContains(response, "Dry run: nothing was changed.")
        self.assertEqual(RosterEntry.objects.count(), 0)

    def test_it_asks_for_a_file(self) -> None:
        self.assertContains(self.client.post(URL, {}), "Choose a CSV file", status_code=400)

    @override_settings(ROSTER_MAX_UPLOAD_BYTES=10)
    def test_it_refuses_a_file_over_the_limit(self) -> None:
        response = self.client.post(URL, {"file": upload(ROSTER)})
        self.assertContains(response, "The file is too large", status_code=400)

    def test_it_is_for_owners_only(self) -> None:
        for user in (self.organiser, self.moderator, self.other_owner, self.stranger):
            self.client.force_login(user)
            self.assertEqual(self.client.get(URL).status_code, 404)
            self.assertEqual(self.client.post(URL, {"file": upload(ROSTER)}).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 404)
        self.assertEqual(RosterEntry.objects.count(), 0)
