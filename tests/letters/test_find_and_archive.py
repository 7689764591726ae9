"""Finding people on a letter, its goal and response, and the archive of closed letters."""

from django.utils import timezone

from tests.base import BaseTestCase, make_letter
from undersigned.accounts.models import Branch, Region
from undersigned.letters import services
from undersigned.letters.models import Letter


class FindSignatoriesTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        york = Branch.objects.get(code="northern-york")
        self.sign_and_confirm(name="Ada Lovelace", email="ada@example.org")
        self.sign_and_confirm(name="Grace Hopper", email="grace@example.org", branch=york.pk)
        self.sign_and_confirm(name="Alan Turing", email="alan@example.org", branch=york.pk)

    def names(self, **query: object) -> str:
        query = {f"find-{key}": value for key, value in query.items()}
        return self.client.get("/l/solidarity/", query).content.decode()

    def test_it_finds_signatories_by_part_of_their_name(self) -> None:
        page = self.names(q="hop")
        self.assertIn("Grace Hopper", page)
        self.assertNotIn("Ada Lovelace</span>", page)
        self.assertIn("1 signatory found", page)

    def test_it_filters_by_region_and_by_branch(self) -> None:
        south = Region.objects.get(code="northern-s")
        page = self.names(q="", region=south.pk)
        self.assertIn("Grace Hopper", page)
        self.assertIn("Alan Turing", page)
        self.assertNotIn("Ada Lovelace</span>", page)
        page = self.names(q="", branch=self.tyneside.pk)
        self.assertIn("Ada Lovelace", page)
        self.assertNotIn("Grace Hopper</span>", page)

    def test_a_bad_filter_is_ignored_not_an_error(self) -> None:
        response = self.client.get("/l/solidarity/", {"find-q": "x" * 500, "find-branch": "nope"})
        self.assertEqual(response.status_code, 200)

    def test_branch_choices_are_grouped_by_region(self) -> None:
        page = self.names()
        self.assertIn('<optgroup label="North">', page)
        self.assertIn('<optgroup label="South">', page)


class GoalAndResponseTests(BaseTestCase):
    def test_a_goal_shows_a_progress_bar(self) -> None:
        Letter.objects.filter(pk=self.letter.pk).update(goal=200, confirmed_count=50)
        page = self.client.get("/l/solidarity/")
        self.assertContains(page, "50 of 200 signatures, our goal")
        self.assertContains(page, '<progress id="goal-progress" max="200" value="50">')

    def test_the_recorded_response_is_shown_on_the_letter(self) -> None:
        self.client.force_login(self.organiser)
        self.client.post(
            "/workspace/northern/letters/solidarity/updates/",
            {"response": "We will hold the hearing on Monday.", "response_date": "2026-11-30"},
        )
        page = self.client.get("/l/solidarity/")
        self.assertContains(page, "The response from The Regional Committee")
        self.assertContains(page, "We will hold the hearing on Monday.")
        self.assertContains(page, "30 November 2026")


class ArchiveTests(BaseTestCase):
    def test_closed_letters_stay_on_the_home_page_in_an_archive(self) -> None:
        old = make_letter(self.org, slug="old", title="An old letter")
        services.close(old)
        make_letter(self.org, slug="draft", title="A secret draft", publish=False)
        page = self.client.get("/").content.decode()
        self.assertIn("Closed letters", page)
        archive = page[page.index("Closed letters") :]
        self.assertIn("An old letter", archive)
        self.assertIn(f"closed {timezone.now():%-d %B %Y}", archive)
        self.assertNotIn("Solidarity with Sam", archive)
        self.assertNotIn("A secret draft", page)
