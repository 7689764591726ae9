"""Finding 8: organiser input that was a 500 (a huge header field, NUL characters)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.members.base import HEADER, RosterTestCase
from undersigned.accounts.models import Branch, Region
from undersigned.members.models import RosterEntry


class OrganiserInputTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.owner)

    def upload(self, path: str, text: str | bytes) -> object:
        data = text if isinstance(text, bytes) else text.encode()
        return self.client.post(
            f"/workspace/{self.org.slug}/members/{path}/",
            {"file": SimpleUploadedFile("f.csv", data, "text/csv")},
        )

    def test_a_roster_header_field_over_128_kb_is_a_400_with_a_line(self) -> None:
        response = self.upload("roster", '"' + "x" * 200_000 + '",email,branch\n')
        self.assertContains(response, "Line 1", status_code=400)
        self.assertContains(response, "too long", status_code=400)

    def test_a_roster_value_over_128_kb_is_a_400_with_a_line(self) -> None:
        response = self.upload("roster", HEADER + "A1,a@example.org,York," + "x" * 200_000 + "\n")
        self.assertContains(response, "Line 2", status_code=400)

    def test_a_nul_in_a_roster_postcode_is_a_400_with_a_line(self) -> None:
        response = self.upload("roster", HEADER + "A1,a@example.org,York,YO1\x00 7HH,,\n")
        self.assertContains(response, "Line 2", status_code=400)
        self.assertContains(response, "control character", status_code=400)
        self.assertFalse(RosterEntry.objects.exists())

    def test_a_nul_in_a_region_or_branch_name_is_a_400_with_a_line(self) -> None:
        text = "region_code,region_name,branch_code,branch_name\nr1,Nor\x00th,b1,Tyne\n"
        response = self.upload("import", text)
        self.assertContains(response, "Line 2", status_code=400)
        self.assertFalse(Region.objects.filter(code="r1").exists())
        text = "region_code,region_name,branch_code,branch_name\nr1,North,b1,Ty\x00ne\n"
        self.assertEqual(self.upload("import", text).status_code, 400)
        self.assertFalse(Branch.objects.filter(code="b1").exists())

    def test_a_nul_in_the_moderation_search_is_a_400(self) -> None:
        response = self.client.get(
            f"/workspace/{self.org.slug}/letters/{self.letter.slug}/moderation/?q=%00"
        )
        self.assertContains(response, "control character", status_code=400)

    def test_a_nul_in_a_region_form_is_refused(self) -> None:
        response = self.client.post(
            f"/workspace/{self.org.slug}/members/regions/add/",
            {"region-code": "r9", "region-name": "Bad\x00name"},
        )
        self.assertEqual(response.status_code, 400)
