"""A letter in English and Welsh: readers see their language with links to the other, each
text version is logged with its language, and each signature records the words it was
shown; `undersigned verify` checks the whole log."""

import os
from io import StringIO
from unittest.mock import patch

from django.core.management import call_command
from django.test import LiveServerTestCase, override_settings

from tests.base import make_letter, make_org
from tests.ledger.helpers import logged_fields
from undersigned.ledger import sequencer
from undersigned.letters import services, translations
from undersigned.letters.models import Signature

WELSH_TITLE = "Undod gyda Sam"
WELSH_BODY = "Rydym yn sefyll gyda **Sam**."


@override_settings(LANGUAGE_CODE="en-gb")
class BilingualLetterTests(LiveServerTestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org(), publish=False)
        translations.translate(self.letter, "cy", title=WELSH_TITLE, body=WELSH_BODY)
        services.publish(self.letter)
        self.letter.refresh_from_db()

    def signed(self, email: str, language: str) -> Signature:
        self.client.cookies.load({"django_language": language})
        self.client.post(
            self.letter.get_absolute_url(),
            {"name": "Signer", "email": email, "display": "full", "consent": "on"},
        )
        signature = Signature.objects.get(email=email)
        services.confirm(signature.uid)
        return signature

    def test_a_welsh_reader_sees_the_welsh_text_with_a_link_to_the_english(self) -> None:
        self.client.cookies.load({"django_language": "cy"})
        html = self.client.get(self.letter.get_absolute_url()).content.decode()
        self.assertIn(f'<h1 id="letter-title" lang="cy">{WELSH_TITLE}</h1>', html)
        self.assertIn("Rydym yn sefyll gyda <strong>Sam</strong>.", html)
        self.assertIn(f'href="{self.letter.get_absolute_url()}?text=en-gb"', html)

    def test_an_english_reader_sees_the_english_text_with_a_link_to_the_welsh(self) -> None:
        self.client.cookies.load({"django_language": "en-gb"})
        html = self.client.get(self.letter.get_absolute_url()).content.decode()
        self.assertIn("Solidarity with Sam", html)
        self.assertNotIn(WELSH_TITLE, html)
        self.assertIn(f'href="{self.letter.get_absolute_url()}?text=cy"', html)
        html = self.client.get(self.letter.get_absolute_url() + "?text=cy").content.decode()
        self.assertIn(WELSH_TITLE, html)

    def test_the_log_records_both_versions_and_the_words_each_signer_saw(self) -> None:
        self.signed("welsh@example.org", "cy")
        self.signed("english@example.org", "en-gb")
        sequencer.sequence_all()
        fields = logged_fields(self.letter)
        texts = [f for f in fields if f["kind"] == "text"]
        self.assertEqual([t.get("lang") for t in texts], [None, "cy"])
        self.assertEqual(list(texts[0]), ["kind", "version", "sha256", "time"])  # unchanged
        signs = [f for f in fields if f["kind"] == "sign"]
        self.assertEqual([s.get("lang") for s in signs], ["cy", None])

        out = StringIO()
        call_command("verify", f"{self.live_server_url}/l/{self.letter.slug}/", stdout=out)
        self.assertIn("has 4 entries, signed by the log's key; the root matches", out.getvalue())
        self.assertIn("The log replays to 2 signatures; the page shows 2.", out.getvalue())

    def test_verify_speaks_the_language_of_the_shell(self) -> None:
        self.signed("welsh@example.org", "cy")
        sequencer.sequence_all()
        out = StringIO()
        with patch.dict(os.environ, {"LANGUAGE": "cy_GB.UTF-8"}):
            call_command("verify", f"{self.live_server_url}/l/{self.letter.slug}/", stdout=out)
        self.assertIn(
            "Mae ailchwarae'r log yn rhoi 1 llofnod; mae'r dudalen yn dangos 1.", out.getvalue()
        )

    def test_a_new_welsh_version_is_logged_at_once(self) -> None:
        translations.translate(self.letter, "cy", title=WELSH_TITLE, body="Testun newydd.")
        sequencer.sequence_all()
        texts = [f for f in logged_fields(self.letter) if f["kind"] == "text"]
        self.assertEqual(
            [(t.get("lang"), t["version"]) for t in texts], [(None, "1"), ("cy", "1"), ("cy", "2")]
        )
        with self.assertRaises(translations.NothingChanged):
            translations.translate(self.letter, "cy", title=WELSH_TITLE, body="Testun newydd.")
