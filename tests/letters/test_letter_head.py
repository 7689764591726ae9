from tests.base import BaseTestCase


class LetterHeadTests(BaseTestCase):
    def test_the_letter_page_has_open_graph_and_twitter_card_tags(self) -> None:
        response = self.client.get("/l/solidarity/")
        self.assertContains(response, '<meta property="og:title" content="Solidarity with Sam">')
        self.assertContains(
            response, '<meta property="og:url" content="http://testserver/l/solidarity/">'
        )
        self.assertContains(
            response,
            '<meta property="og:image" content="http://testserver/l/solidarity/share.png?m=0">',
        )
        self.assertContains(response, '<meta name="twitter:card" content="summary_large_image">')
        self.assertContains(
            response, "An open letter from members of Northern Network to The Regional Committee"
        )

    def test_the_image_address_follows_the_round_number(self) -> None:
        for number in range(12):
            self.sign_and_confirm(email=f"s{number}@example.org")
        self.assertContains(self.client.get("/l/solidarity/"), "share.png?m=10")

    def test_it_loads_the_live_count_script_from_static_files(self) -> None:
        response = self.client.get("/l/solidarity/")
        self.assertContains(
            response, '<script src="/static/undersigned/live-count.js" defer></script>'
        )
        self.assertNotContains(response, "<script>")
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])
        script = b"".join(self.client.get("/static/undersigned/live-count.js").streaming_content)
        self.assertIn(b"/api/v1/letters/", script)
        self.assertIn(b"data-live-count", script)
