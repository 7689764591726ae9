"""Every public page, rendered for a Welsh reader, is in Welsh: no English string of the
catalogue is left on it."""

from django.core import mail
from django.test import override_settings

from tests.base import BaseTestCase, links_in, make_letter
from tests.i18n.catalogue import english_left, visible_text
from undersigned.ledger import sequencer
from undersigned.letters import versions


@override_settings(LANGUAGE_CODE="en-gb")
class WelshPagesTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.cookies.load({"django_language": "cy"})

    def assert_welsh(self, path: str, method: str = "get", status: int = 200) -> str:
        response = getattr(self.client, method)(path)
        self.assertEqual(response.status_code, status, path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        html = body.decode()
        self.assertIn('<html lang="cy">', html, path)
        self.assertEqual(english_left(visible_text(html)), [], path)
        return html

    def test_the_home_page_is_in_welsh(self) -> None:
        html = self.assert_welsh("/")
        self.assertIn("Llythyrau agored", html)

    def test_the_letter_page_and_its_form_are_in_welsh(self) -> None:
        html = self.assert_welsh(self.letter.get_absolute_url())
        self.assertIn("Llofnodwch y llythyr hwn", html)
        self.assertIn("Eich cyfeiriad e-bost", html)

    def test_the_form_errors_are_in_welsh(self) -> None:
        response = self.client.post(self.letter.get_absolute_url(), {"name": ""})
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertEqual(english_left(visible_text(html)), [])
        self.assertIn("Rhowch eich enw.", html)

    def test_a_closed_letter_is_in_welsh(self) -> None:
        closed = make_letter(self.org, slug="closed", status="closed")
        closed.status = "closed"
        closed.save()
        self.assert_welsh(closed.get_absolute_url())

    def test_the_sign_confirm_and_withdraw_pages_are_in_welsh(self) -> None:
        response = self.sign()
        self.assert_welsh(response.url)
        links = links_in(mail.outbox[-1])
        self.assert_welsh(links["confirm"])
        self.assert_welsh(links["confirm"], method="post")
        self.assert_welsh(links["withdraw"])
        self.assert_welsh(links["withdraw"], method="post")

    def test_a_broken_link_page_is_in_welsh(self) -> None:
        self.assert_welsh(f"/l/{self.letter.slug}/confirm/nonsense/", status=404)

    def test_the_changes_print_and_embed_pages_are_in_welsh(self) -> None:
        versions.new_version(self.letter, title="New", body="New text", reason="Typo", by=None)
        self.sign_and_confirm()
        sequencer.sequence_all()
        slug = self.letter.slug
        self.assert_welsh(f"/l/{slug}/changes/")
        self.assert_welsh(f"/l/{slug}/print/")
        self.assert_welsh(f"/l/{slug}/embed")

    def test_a_missing_page_is_in_welsh(self) -> None:
        html = self.assert_welsh("/l/nothing-here/", status=404)
        self.assertIn("Heb ddod o hyd i'r dudalen", html)

    def test_an_english_reader_still_gets_english(self) -> None:
        self.client.cookies.load({"django_language": "en-gb"})
        html = self.client.get(self.letter.get_absolute_url()).content.decode()
        self.assertIn('<html lang="en-gb">', html)
        self.assertIn("Sign this letter", html)

    def test_accept_language_chooses_welsh_without_a_cookie(self) -> None:
        self.client.cookies.clear()
        response = self.client.get("/", headers={"accept-language": "cy,en;q=0.5"})
        self.assertIn('<html lang="cy">', response.content.decode())

    def test_the_check_does_find_english(self) -> None:
        """The check above is not vacuous: the same page for an English reader fails it."""
        self.client.cookies.load({"django_language": "en-gb"})
        html = self.client.get(self.letter.get_absolute_url()).content.decode()
        left = english_left(visible_text(html))
        self.assertIn("Sign this letter", left)
        self.assertIn("Check this count", left)
