"""The demo organisation's letter is bilingual."""

from django.core.management import call_command
from django.test import TestCase, override_settings

from tests.ledger.helpers import logged_fields
from undersigned.letters.models import Letter


@override_settings(DEBUG=True, LANGUAGE_CODE="en-gb")
class DemoWelshTests(TestCase):
    def test_the_demo_letter_has_a_welsh_text_logged_beside_the_english(self) -> None:
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        letter = Letter.objects.get()
        self.client.cookies.load({"django_language": "cy"})
        page = self.client.get(letter.get_absolute_url())
        self.assertContains(page, "Undod gyda Sam Okafor")
        self.assertContains(page, "Llythyr agored gan aelodau Northern Members&#x27; Network")
        texts = [f for f in logged_fields(letter) if f["kind"] == "text"]
        self.assertEqual([t.get("lang") for t in texts], [None, "cy"])
