from datetime import timedelta

from django.core import mail
from django.utils import timezone

from tests.base import BaseTestCase, make_letter
from undersigned.letters import services
from undersigned.letters.models import Letter, LetterVersion


def letter_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Safe staffing now",
        "slug": "",
        "addressee": "The Trust",
        "body": "We ask for *safe* staffing.",
        "ask_role": "on",
        "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


class CreateTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)

    def test_the_form_has_clear_labels_and_buttons(self) -> None:
        page = self.client.get("/workspace/northern/letters/new/")
        for text in (
            "Title",
            "Web address",
            "Text of the letter",
            "Closing date",
            "Co-organisers",
            ">Preview<",
            ">Create letter<",
        ):
            self.assertContains(page, text)

    def test_the_slug_suggestion_script_is_a_static_file(self) -> None:
        page = self.client.get("/workspace/northern/letters/new/")
        self.assertContains(page, '<script src="/static/workspace/slug.js" defer></script>')
        self.assertNotContains(page, "<script>")

    def test_it_creates_a_draft_with_a_slug_from_the_title(self) -> None:
        response = self.client.post("/workspace/northern/letters/new/", letter_form())
        letter = Letter.objects.get(slug="safe-staffing-now")
        self.assertRedirects(response, "/workspace/northern/letters/safe-staffing-now/")
        self.assertEqual(
            (letter.status, letter.organisation, letter.created_by),
            ("draft", self.org, self.organiser),
        )
        self.assertFalse(letter.ask_branch)

    def test_a_taken_slug_from_the_title_gets_a_number(self) -> None:
        self.client.post("/workspace/northern/letters/new/", letter_form(title="Solidarity"))
        self.assertTrue(Letter.objects.filter(slug="solidarity-2").exists())

    def test_a_taken_slug_typed_in_is_refused(self) -> None:
        response = self.client.post(
            "/workspace/northern/letters/new/", letter_form(slug="solidarity")
        )
        self.assertContains(response, "Another letter uses this address", status_code=400)

    def test_a_missing_title_is_refused(self) -> None:
        response = self.client.post("/workspace/northern/letters/new/", letter_form(title=""))
        self.assertContains(response, "Enter a title.", status_code=400)
        self.assertEqual(Letter.objects.count(), 1)

    def test_a_past_closing_date_is_refused(self) -> None:
        past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post("/workspace/northern/letters/new/", letter_form(closes_at=past))
        self.assertContains(response, "Choose a closing date in the future.", status_code=400)

    def test_preview_renders_the_text_sanitised_and_saves_nothing(self) -> None:
        response = self.client.post(
            "/workspace/northern/letters/new/",
            letter_form(body="**Bold** <script>alert(1)</script>", action="preview"),
        )
        self.assertContains(response, "Preview (not saved)")
        self.assertContains(response, "<strong>Bold</strong>", html=True)
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertEqual(Letter.objects.count(), 1)

    def test_co_organisers_are_chosen_from_the_organisations_staff(self) -> None:
        response = self.client.post(
            "/workspace/northern/letters/new/", letter_form(organisers=[self.other_owner.pk])
        )
        self.assertEqual(response.status_code, 400)
        self.client.post(
            "/workspace/northern/letters/new/", letter_form(organisers=[self.owner.pk])
        )
        letter = Letter.objects.get(slug="safe-staffing-now")
        self.assertEqual(list(letter.organisers.all()), [self.owner])


class EditTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)
        self.draft = make_letter(self.org, slug="draft", publish=False)
        self.url = "/workspace/northern/letters/{}/edit/"

    def test_a_draft_changes_freely_and_its_slug_can_change(self) -> None:
        response = self.client.post(
            self.url.format("draft"), letter_form(slug="renamed", body="New text")
        )
        self.assertRedirects(response, "/workspace/northern/letters/renamed/")
        self.draft.refresh_from_db()
        self.assertEqual(
            (self.draft.slug, self.draft.body, self.draft.version), ("renamed", "New text", 1)
        )

    def test_a_published_letter_has_no_slug_field(self) -> None:
        page = self.client.get(self.url.format("solidarity"))
        self.assertNotContains(page, 'name="slug"')
        self.assertContains(page, "Reason for changing the text")
        self.assertContains(page, ">Save<")

    def test_changing_only_settings_needs_no_reason_and_makes_no_version(self) -> None:
        data = letter_form(title=self.letter.title, body=self.letter.body, addressee="The CEO")
        response = self.client.post(self.url.format("solidarity"), data)
        self.assertEqual(response.status_code, 302)
        self.letter.refresh_from_db()
        self.assertEqual((self.letter.addressee, self.letter.version), ("The CEO", 1))

    def test_a_text_change_with_notify_emails_the_confirmed_signers(self) -> None:
        self.sign_and_confirm(email="signer@example.org")
        mail.outbox.clear()
        data = letter_form(title=self.letter.title, body="Changed.", reason="Typo", notify="on")
        self.client.post(self.url.format("solidarity"), data)
        self.assertEqual([m.to for m in mail.outbox], [["signer@example.org"]])
        self.assertEqual(LetterVersion.objects.filter(letter=self.letter).count(), 2)

    def test_moving_the_closing_date_into_the_future_reopens(self) -> None:
        services.close(self.letter)
        later = (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
        data = letter_form(title=self.letter.title, body=self.letter.body, closes_at=later)
        self.client.post(self.url.format("solidarity"), data)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.status, "open")
        self.assertTrue(self.letter.is_open())


class EligibilityTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)
        self.url = f"/workspace/northern/letters/{self.letter.slug}/edit/"

    def form(self, **overrides: object) -> dict[str, object]:
        return letter_form(title=self.letter.title, body=self.letter.body, **overrides)

    def test_the_editor_offers_who_may_sign_with_this_organisations_groups(self) -> None:
        page = self.client.get(self.url)
        self.assertContains(page, "Who may sign")
        self.assertContains(page, "Members of selected regions or branches")
        self.assertContains(page, "<legend>Regions whose members may sign</legend>", html=False)
        self.assertContains(page, "Tyneside")
        foreign = self.other_org.branches.first()
        self.assertNotContains(page, f'name="eligible_branches" value="{foreign.pk}"')

    def test_selected_groups_need_at_least_one_region_or_branch(self) -> None:
        response = self.client.post(self.url, self.form(eligibility="groups"))
        self.assertContains(response, "Choose at least one region or branch.", status_code=400)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.eligibility, "anyone")

    def test_it_saves_the_mode_and_the_groups(self) -> None:
        north = self.org.regions.get(name="North")
        self.client.post(self.url, self.form(eligibility="groups", eligible_regions=[north.pk]))
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.eligibility, "groups")
        self.assertEqual(list(self.letter.eligible_regions.all()), [north])
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(page, "North")

    def test_a_region_of_another_organisation_is_refused(self) -> None:
        foreign = self.other_org.regions.first()
        response = self.client.post(
            self.url, self.form(eligibility="groups", eligible_regions=[foreign.pk])
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.letter.eligible_regions.count(), 0)

    def test_an_invited_letter_links_to_its_invited_list(self) -> None:
        self.client.post(self.url, self.form(eligibility="invited"))
        overview = self.client.get(f"/workspace/northern/letters/{self.letter.slug}/")
        self.assertContains(overview, f"/workspace/northern/members/invited/{self.letter.slug}/")
        self.assertContains(overview, f"/workspace/share/{self.letter.slug}/")
