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

    def test_it_streams_every_name_in_signing_order_past_many_batches(self) -> None:
        from tests.letters.test_letter_page import add_confirmed

        add_confirmed(self.letter, 1203)
        response = self.client.get("/l/solidarity/print/")
        self.assertTrue(response.streaming)
        body = b"".join(response.streaming_content).decode()
        self.assertEqual(body.count('<span class="name">'), 1203)
        # add_confirmed makes Signer 0000 the newest: the print view lists oldest first.
        self.assertLess(body.index("Signer 1202"), body.index("Signer 0000"))
        self.assertTrue(body.rstrip().endswith("</html>"))
