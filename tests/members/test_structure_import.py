from django.core.files.uploadedfile import SimpleUploadedFile

from tests.members.base import RosterTestCase
from undersigned.accounts.models import Branch, Region

URL = "/workspace/northern/members/import/"
HEADER = "region_code;region_name;branch_code;branch_name\n"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("structure.csv", text.encode(), content_type="text/csv")


class StructureImportTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.owner)

    def test_it_adds_and_renames_regions_and_branches(self) -> None:
        text = (
            HEADER
            + "east;East;hull;Hull\n"
            + "east;East;lincoln;Lincoln\n"
            + "northern-n;The North;northern-tyne;Tyneside\n"
        )
        response = self.client.post(URL, {"file": upload(text)}, follow=True)
        self.assertContains(response, "Regions: 1 added, 1 renamed. Branches: 2 added, 0 changed.")
        self.assertEqual(Branch.objects.get(code="lincoln").region.name, "East")
        self.assertEqual(Region.objects.get(code="northern-n").name, "The North")

    def test_it_moves_a_branch_to_another_region(self) -> None:
        self.client.post(
            URL, {"file": upload(HEADER + "northern-s;South;northern-tyne;Tyneside\n")}
        )
        self.assertEqual(Branch.objects.get(code="northern-tyne").region.code, "northern-s")

    def test_it_reports_problems_with_lines_and_changes_nothing(self) -> None:
        text = (
            HEADER
            + "east;East;hull;Hull\n"
            + "east;Eastern;york2;York\n"
            + "west;West;hull;Hull again\n"
            + "bad code;Bad;x;\n"
        )
        response = self.client.post(URL, {"file": upload(text)})
        for problem in (
            "Line 3, column region_name: Line 2 gives this region another name.",
            "Line 4, column branch_code: The same branch is on line 2.",
            "Line 5, column region_code: Use letters, digits",
            "Line 5, column branch_name: This value is required.",
        ):
            self.assertContains(response, problem, status_code=400)
        self.assertFalse(Region.objects.filter(code="east").exists())

    def test_it_needs_every_column(self) -> None:
        response = self.client.post(URL, {"file": upload("region_code,branch_code\n")})
        self.assertContains(
            response, "Line 1, column region_name: This required column", status_code=400
        )

    def test_it_is_for_owners_only(self) -> None:
        self.client.force_login(self.organiser)
        self.assertEqual(self.client.post(URL, {"file": upload(HEADER)}).status_code, 404)
