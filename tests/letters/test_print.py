from tests.base import BaseTestCase, make_letter


class PrintViewTests(BaseTestCase):
    def test_it_shows_the_letter_and_every_public_signatory(self) -> None:
        self.sign_and_confirm(name="Ada Lovelace")
        self.sign_and_confirm(email="bo@example.org", name="Bo Named")
        self.sign_and_confirm(email="cy@example.org", name="Cy Hidden", display="hidden")
        response = self.client.get("/l/solidarity/print/")
        self.assertContains(response, "To: The Regional Committee")
        self.assertContains(response, "<strong>Sam</strong>")
        self.assertContains(response, "Signed by 3 people")
        self.assertContains(response, "Ada Lovelace")
        self.assertContains(response, "Bo Named")
        self.assertNotContains(response, "Cy Hidden")
        self.assertContains(response, "and 1 more who chose not to be named")
        self.assertContains(response, 'href="/static/undersigned/print.css"')
        self.assertNotContains(response, "ada@example.org")

    def test_the_print_stylesheet_hides_the_navigation(self) -> None:
        response = self.client.get("/static/undersigned/print.css")
        css = b"".join(response.streaming_content).decode()
        self.assertIn("@media print", css)
        self.assertIn("header.site", css)

    def test_a_draft_has_no_print_view(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assertEqual(self.client.get("/l/draft/print/").status_code, 404)
