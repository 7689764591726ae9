from django.core.cache import cache

from tests.members.base import HEADER, RosterTestCase


class BreakdownTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.import_roster(
            HEADER
            + "A001,ada@example.org,northern-tyne,,,\n"
            + "A002,grace@example.org,York,,,\n"
            + "A003,alan@example.org,northern-tyne,,,\n"
            + "A004,kath@example.org,northern-tyne,,,\n"
            + "A005,mary@example.org,northern-tyne,,,\n"
        )
        self.letter.eligibility = "members"
        self.letter.save()

    def page(self) -> str:
        cache.clear()
        return self.client.get(f"/l/{self.letter.slug}/").content.decode()

    def test_it_shows_verified_members_by_region_and_branch(self) -> None:
        for email in ("ada@example.org", "grace@example.org", "alan@example.org"):
            self.sign_and_confirm(email=email)
        page = self.page()
        self.assertIn("<strong>3</strong> verified members", page)
        self.assertIn("North: 2", page)
        self.assertIn("Tyneside: 2", page)
        self.assertIn("South: 1", page)
        self.assertIn("York: 1", page)
        self.assertNotIn("% of the branch", page)

    def test_it_shows_each_branchs_share_where_the_organisation_allows(self) -> None:
        self.org.show_branch_share = True
        self.org.save()
        self.sign_and_confirm(email="ada@example.org")
        page = self.page()
        self.assertIn("Tyneside: 1 (25% of the branch)", page)

    def test_it_counts_only_confirmed_signatures_verified_by_the_roster(self) -> None:
        self.sign(email="ada@example.org")  # pending
        self.letter.eligibility = "anyone"
        self.letter.save()
        self.sign_and_confirm(email="someone@example.org")  # self-declared Tyneside
        page = self.page()
        self.assertNotIn("verified member", page)
        self.assertNotIn("Tyneside: ", page)

    def test_it_says_who_the_letter_is_open_to(self) -> None:
        self.assertIn("Open to members of Northern Network.", self.page())

    def test_the_breakdown_is_cached_briefly(self) -> None:
        self.sign_and_confirm(email="ada@example.org")
        self.page()
        # One read of the shared cache (a table when there is no Redis), no counting.
        with self.assertNumQueries(1):
            from undersigned.letters.breakdown import verified_breakdown

            found = verified_breakdown(self.letter)
        self.assertEqual(found.regions[0].signed, 1)

    def test_it_says_how_many_verified_signers_have_lapsed_since(self) -> None:
        self.sign_and_confirm(email="ada@example.org")
        self.sign_and_confirm(email="grace@example.org")
        self.import_roster(HEADER + "A002,grace@example.org,York,,,\n")
        page = self.page()
        self.assertIn("<strong>2</strong> verified members", page)
        self.assertIn("Including 1 whose membership has lapsed since signing.", page)
