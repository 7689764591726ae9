from datetime import timedelta

from django.utils import timezone

from tests.base import BaseTestCase, make_letter
from undersigned.letters.models import Signature


class DashboardTests(BaseTestCase):
    def test_it_shows_each_letter_with_its_count_and_last_day(self) -> None:
        self.sign_and_confirm(email="a@example.org")
        old = self.sign_and_confirm(email="b@example.org")
        Signature.objects.filter(pk=old.pk).update(confirmed_at=timezone.now() - timedelta(days=2))
        make_letter(self.org, slug="draft-one", publish=False, title="A draft")
        self.client.force_login(self.organiser)
        page = self.client.get("/workspace/")
        self.assertContains(page, 'data-letter="solidarity"')
        self.assertContains(page, '<td class="num" data-count>2</td>', html=True)
        self.assertContains(page, '<td class="num" data-last-day>1</td>', html=True)
        self.assertContains(page, "A draft")
        self.assertContains(page, "Draft")
        self.assertContains(page, "Create letter")

    def test_a_moderator_sees_the_letters_but_cannot_create(self) -> None:
        self.client.force_login(self.moderator)
        page = self.client.get("/workspace/")
        self.assertContains(page, "Solidarity with Sam")
        self.assertNotContains(page, "Create letter")
        self.assertNotContains(page, "People and invitations")

    def test_owners_get_people_and_audit_links(self) -> None:
        self.client.force_login(self.owner)
        page = self.client.get("/workspace/")
        self.assertContains(page, "/workspace/northern/people/")
        self.assertContains(page, "/workspace/northern/audit/")

    def test_logging_in_lands_on_the_dashboard(self) -> None:
        response = self.client.post(
            "/accounts/login/",
            {"username": "organiser@example.org", "password": "password-for-tests"},
        )
        self.assertRedirects(response, "/workspace/")


class AccentTests(BaseTestCase):
    def test_a_letters_workspace_pages_use_the_organisations_accent(self) -> None:
        self.org.accent_colour = "#7a1f5c"
        self.org.save()
        self.client.force_login(self.organiser)
        page = self.client.get(f"/workspace/northern/letters/{self.letter.slug}/")
        self.assertContains(page, "--accent: #7a1f5c")
