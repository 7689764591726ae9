"""Finding 9: a large roster timed out the web worker; the invited list stopped at ~5,000
addresses (the 64 KB body limit)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.members.base import HEADER, RosterTestCase
from undersigned.members import imports
from undersigned.members.eligibility import invited_list
from undersigned.members.models import RosterEntry, RosterImport

URL = "/workspace/northern/members/roster/"


def roster_of(rows: int) -> bytes:
    lines = [HEADER] + [f"N{n},m{n}@example.org,York,YO1 7HH,,\n" for n in range(rows)]
    return "".join(lines).encode()


class LargeRosterTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.owner)

    @override_settings(ROSTER_BACKGROUND_BYTES=1000)
    def test_a_large_roster_is_imported_in_the_background_with_progress(self) -> None:
        data = roster_of(200)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            response = self.client.post(
                URL, {"file": SimpleUploadedFile("big.csv", data, "text/csv")}
            )
        job = RosterImport.objects.get()
        self.assertRedirects(response, f"{URL}imports/{job.pk}/")
        page = self.client.get(response["Location"])
        self.assertContains(page, "Waiting for a worker")
        self.assertContains(page, '<meta http-equiv="refresh"')
        self.assertContains(page, "<progress")
        self.assertEqual(RosterEntry.objects.count(), 0)
        # The worker runs the task.
        for callback in callbacks:
            callback()
        job.refresh_from_db()
        self.assertEqual(job.state, "done")
        self.assertEqual(RosterEntry.objects.count(), 200)
        page = self.client.get(response["Location"])
        self.assertContains(page, "200 members in the file: 200 added")
        self.assertNotContains(page, 'http-equiv="refresh"')
        self.assertFalse(list(imports.folder().glob(f"{job.file_name[:-4]}*")))

    # Spooled to a temporary file by Django (over FILE_UPLOAD_MAX_MEMORY_SIZE), then moved.
    @override_settings(ROSTER_BACKGROUND_BYTES=1000, FILE_UPLOAD_MAX_MEMORY_SIZE=1000)
    def test_problems_of_a_background_import_are_listed_with_their_lines(self) -> None:
        data = roster_of(100) + b"X1,not-an-email,York,,,\n"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(URL, {"file": SimpleUploadedFile("b.csv", data)})
        page = self.client.get(response["Location"])
        self.assertContains(page, "Line 102, column email")
        self.assertEqual(RosterEntry.objects.count(), 0)

    def test_progress_is_reported_while_reading(self) -> None:
        job = RosterImport.objects.create(organisation=self.org, file_name="p.csv", size=1000)
        counting = imports._Counting(io.BytesIO(b"x\n" * 12000), imports.folder() / "p.progress")
        for _ in counting:
            pass
        self.assertEqual(imports.progress(job)["lines"], 10000)
        self.assertEqual(imports.progress(job)["percent"], 100)
        (imports.folder() / "p.progress").unlink()

    def test_the_page_says_the_limits(self) -> None:
        self.assertContains(self.client.get(URL), "Files up to 200 MB")

    def test_another_organisations_owner_cannot_see_an_import(self) -> None:
        job = RosterImport.objects.create(organisation=self.org, file_name="x.csv")
        self.client.force_login(self.other_owner)
        self.assertEqual(self.client.get(f"{URL}imports/{job.pk}/").status_code, 404)


class LargeInvitedListTests(RosterTestCase):
    def test_a_hundred_thousand_addresses_are_accepted_as_a_file(self) -> None:
        self.client.force_login(self.organiser)
        data = "".join(f"person{n}@example.org\n" for n in range(100_000)).encode()
        response = self.client.post(
            f"/workspace/northern/members/invited/{self.letter.slug}/",
            {"file": SimpleUploadedFile("invited.txt", data, "text/plain")},
            follow=True,
        )
        self.assertContains(response, "The invited list now has 100000 addresses.")
        self.assertEqual(invited_list(self.letter).count(), 100_000)

    def test_the_page_says_the_limits(self) -> None:
        self.client.force_login(self.organiser)
        page = self.client.get(f"/workspace/northern/members/invited/{self.letter.slug}/")
        self.assertContains(page, "up to 100000 addresses")
        self.assertContains(page, 'type="file"')
