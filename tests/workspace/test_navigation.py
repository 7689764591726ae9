"""Every workspace page wears the workspace: its stylesheet and its navigation."""

from tests.base import BaseTestCase


class NavigationTests(BaseTestCase):
    def test_members_tokens_and_share_pages_have_the_workspace_navigation(self) -> None:
        self.client.force_login(self.owner)
        for url in (
            "/workspace/northern/members/",
            "/workspace/northern/members/roster/",
            "/workspace/northern/members/import/",
            "/workspace/tokens/",
            f"/workspace/share/{self.letter.slug}/",
        ):
            response = self.client.get(url)
            self.assertContains(response, "workspace/workspace.css", msg_prefix=url)
            self.assertContains(response, 'href="/workspace/">Workspace</a>', msg_prefix=url)
            self.assertContains(response, 'class="workspace"', msg_prefix=url)

    def test_the_share_page_has_the_letter_navigation(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.get(f"/workspace/share/{self.letter.slug}/")
        self.assertContains(response, 'aria-label="Letter"')
