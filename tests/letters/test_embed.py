from tests.base import BaseTestCase, make_letter
from undersigned.letters import services


class EmbedTests(BaseTestCase):
    def test_it_shows_the_title_the_live_count_and_a_sign_button(self) -> None:
        self.sign_and_confirm()
        response = self.client.get("/l/solidarity/embed")
        self.assertContains(response, "Solidarity with Sam")
        self.assertContains(response, 'data-live-count="solidarity">1</span>')
        self.assertContains(response, 'href="http://testserver/l/solidarity/#sign" target="_blank"')
        self.assertContains(response, "/static/undersigned/live-count.js")

    def test_it_is_the_only_page_allowed_in_a_frame(self) -> None:
        embed = self.client.get("/l/solidarity/embed")
        self.assertNotIn("X-Frame-Options", embed)
        self.assertIn("frame-ancestors *", embed["Content-Security-Policy"])
        self.assertIn("script-src 'self'", embed["Content-Security-Policy"])
        letter = self.client.get("/l/solidarity/")
        self.assertEqual(letter["X-Frame-Options"], "DENY")
        self.assertIn("frame-ancestors 'none'", letter["Content-Security-Policy"])

    def test_a_closed_letter_has_no_sign_button(self) -> None:
        services.close(self.letter)
        response = self.client.get("/l/solidarity/embed")
        self.assertContains(response, "This letter is closed.")
        self.assertNotContains(response, "Sign this letter")

    def test_a_draft_cannot_be_embedded(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assertEqual(self.client.get("/l/draft/embed").status_code, 404)
