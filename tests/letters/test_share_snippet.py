from tests.base import BaseTestCase, make_letter


class ShareSnippetTests(BaseTestCase):
    def test_an_organiser_sees_the_embed_snippet_and_downloads(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.get("/workspace/share/solidarity/")
        self.assertContains(
            response,
            "&lt;iframe src=&quot;http://testserver/l/solidarity/embed&quot; "
            "title=&quot;Solidarity with Sam&quot;",
        )
        self.assertContains(response, 'href="/l/solidarity/qr.svg" download')
        self.assertContains(response, 'href="/l/solidarity/qr.png" download')
        self.assertContains(response, 'href="/l/solidarity/print/"')

    def test_it_escapes_the_title_in_the_snippet(self) -> None:
        make_letter(self.org, slug="quotes", title='Say "no" <now>')
        self.client.force_login(self.owner)
        response = self.client.get("/workspace/share/quotes/")
        self.assertContains(
            response, "title=&quot;Say &amp;quot;no&amp;quot; &amp;lt;now&amp;gt;&quot;"
        )

    def test_it_checks_organisation(self) -> None:
        self.client.force_login(self.other_owner)
        self.assertEqual(self.client.get("/workspace/share/solidarity/").status_code, 404)
        self.client.force_login(self.stranger)
        self.assertEqual(self.client.get("/workspace/share/solidarity/").status_code, 404)

    def test_it_needs_a_login(self) -> None:
        response = self.client.get("/workspace/share/solidarity/")
        self.assertRedirects(response, "/accounts/login/?next=/workspace/share/solidarity/")
