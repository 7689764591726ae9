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


class UploadPageTests(RosterTestCase):
    """The upload pages open clean, and a partial file does not lapse the roster unasked."""

    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.owner)

    def test_the_upload_pages_open_without_an_error(self) -> None:
        for url in (URL, "/workspace/northern/members/import/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotContains(response, "Choose a CSV file to upload")
            self.assertNotContains(response, "error-summary")

    def big_roster(self, count: int) -> str:
        return HEADER + "".join(
            f"N{n:04},m{n}@example.org,northern-tyne,,,\n" for n in range(count)
        )

    def test_a_file_that_would_lapse_most_members_asks_first_and_changes_nothing(self) -> None:
        self.import_roster(self.big_roster(50))
        one_row = HEADER + "N0000,m0@example.org,northern-tyne,,,\n"
        self.assertNotContains(self.client.get(URL), 'name="confirm_lapse"')
        response = self.client.post(URL, {"file": upload(one_row)})
        self.assertContains(response, "would mark 49 of the 50 active members lapsed")
        self.assertContains(response, 'name="confirm_lapse"')
        self.assertContains(response, "Nothing was changed")
        self.assertEqual(RosterEntry.objects.filter(status="lapsed").count(), 0)

        response = self.client.post(URL, {"file": upload(one_row), "confirm_lapse": "on"})
        self.assertRedirects(response, "/workspace/northern/members/")
        self.assertEqual(RosterEntry.objects.filter(status="lapsed").count(), 49)

    def test_a_file_that_lapses_a_few_members_goes_straight_through(self) -> None:
        self.import_roster(self.big_roster(50))
        response = self.client.post(URL, {"file": upload(self.big_roster(48))})
        self.assertRedirects(response, "/workspace/northern/members/")
        self.assertEqual(RosterEntry.objects.filter(status="lapsed").count(), 2)
