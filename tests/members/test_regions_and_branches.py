from tests.members.base import RosterTestCase
from undersigned.accounts.models import Branch, Region

INDEX = "/workspace/northern/members/"


class RegionsAndBranchesTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.owner)
        self.north = Region.objects.get(code="northern-n")

    def test_the_owner_sees_regions_and_branches(self) -> None:
        response = self.client.get(INDEX)
        self.assertContains(response, "North")
        self.assertContains(response, "Tyneside")
        self.assertNotContains(response, "southern-york")

    def test_it_is_for_owners_only(self) -> None:
        for user in (self.organiser, self.other_owner, self.stranger):
            self.client.force_login(user)
            self.assertEqual(self.client.get(INDEX).status_code, 404)
            response = self.client.post(
                f"{INDEX}regions/add/", {"region-code": "x", "region-name": "X"}
            )
            self.assertEqual(response.status_code, 404)
        self.assertFalse(Region.objects.filter(code="x").exists())

    def test_it_adds_a_region(self) -> None:
        response = self.client.post(
            f"{INDEX}regions/add/", {"region-code": "east", "region-name": "East"}
        )
        self.assertRedirects(response, INDEX)
        self.assertTrue(Region.objects.filter(organisation=self.org, code="east").exists())

    def test_it_refuses_a_region_code_in_use(self) -> None:
        response = self.client.post(
            f"{INDEX}regions/add/", {"region-code": "NORTHERN-N", "region-name": "Again"}
        )
        self.assertContains(response, "Another region already has this code", status_code=400)

    def test_it_adds_a_branch_to_one_of_its_own_regions_only(self) -> None:
        response = self.client.post(
            f"{INDEX}branches/add/",
            {"branch-region": self.north.pk, "branch-code": "durham", "branch-name": "Durham"},
        )
        self.assertRedirects(response, INDEX)
        self.assertEqual(Branch.objects.get(code="durham").region, self.north)
        theirs = Region.objects.get(code="southern-n")
        response = self.client.post(
            f"{INDEX}branches/add/",
            {"branch-region": theirs.pk, "branch-code": "x", "branch-name": "X"},
        )
        self.assertEqual(response.status_code, 400)

    def test_it_renames_a_branch(self) -> None:
        url = f"{INDEX}branches/{self.tyneside.pk}/"
        response = self.client.post(
            url, {"region": self.north.pk, "code": "northern-tyne", "name": "Tyne and Wear"}
        )
        self.assertRedirects(response, INDEX)
        self.tyneside.refresh_from_db()
        self.assertEqual(self.tyneside.name, "Tyne and Wear")

    def test_it_deletes_an_unused_branch(self) -> None:
        url = f"{INDEX}branches/{self.tyneside.pk}/"
        self.assertRedirects(self.client.post(url, {"delete": "1"}), INDEX)
        self.assertFalse(Branch.objects.filter(pk=self.tyneside.pk).exists())

    def test_it_keeps_a_branch_with_roster_members(self) -> None:
        self.import_roster()
        url = f"{INDEX}branches/{self.tyneside.pk}/"
        response = self.client.post(url, {"delete": "1"})
        self.assertContains(response, "still has members on the roster", status_code=409)
        self.assertTrue(Branch.objects.filter(pk=self.tyneside.pk).exists())

    def test_it_keeps_a_region_with_branches(self) -> None:
        response = self.client.post(f"{INDEX}regions/{self.north.pk}/", {"delete": "1"})
        self.assertContains(response, "still has branches", status_code=409)

    def test_another_organisations_branch_is_not_found(self) -> None:
        theirs = Branch.objects.get(code="southern-york")
        self.assertEqual(self.client.get(f"{INDEX}branches/{theirs.pk}/").status_code, 404)
