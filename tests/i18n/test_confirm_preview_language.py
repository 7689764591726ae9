"""The confirm page shows the words a signer is putting their name to (issue 17): on a
bilingual letter, the text in the language they signed it in."""

from django.test import TestCase, override_settings
from django.urls import reverse

from tests.base import make_letter, make_org
from undersigned.letters import services, tokens, translations
from undersigned.letters.models import Signature

WELSH_TITLE = "Undod gyda Sam"
WELSH_BODY = "Rydym yn sefyll gyda **Sam**."


@override_settings(LANGUAGE_CODE="en-gb")
class ConfirmPreviewLanguageTests(TestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org(), publish=False)
        translations.translate(self.letter, "cy", title=WELSH_TITLE, body=WELSH_BODY)
        services.publish(self.letter)
        self.letter.refresh_from_db()

    def confirm_page(self, email: str, language: str) -> str:
        self.client.cookies.load({"django_language": language})
        self.client.post(
            self.letter.get_absolute_url(),
            {"name": "Signer", "email": email, "display": "full", "consent": "on"},
        )
        signature = Signature.objects.get(email=email)
        token = tokens.make(signature.uid, tokens.CONFIRM)
        url = reverse("letters:confirm", args=[self.letter.slug, token])
        return self.client.get(url).content.decode()

    def test_a_welsh_signer_reads_the_welsh_text_they_signed(self) -> None:
        html = self.confirm_page("cy@example.org", "cy")
        self.assertIn(f'<p class="preview-title" lang="cy">{WELSH_TITLE}</p>', html)
        self.assertIn("Rydym yn sefyll gyda <strong>Sam</strong>.", html)

    def test_an_english_signer_reads_the_english_text(self) -> None:
        html = self.confirm_page("en@example.org", "en-gb")
        self.assertIn('<p class="preview-title">Solidarity with Sam</p>', html)
        self.assertNotIn(WELSH_TITLE, html)
