"""Issue 17's new pages (updates, settings, the confirmation steps, stopping emails) and
its sign form, in Welsh."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.base import BaseTestCase, make_letter
from tests.i18n.catalogue import english_left, visible_text
from undersigned.letters import tokens, updates
from undersigned.letters.models import Signature


@override_settings(LANGUAGE_CODE="en-gb")
class WelshSecondPassTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.cookies.load({"django_language": "cy"})

    def assert_welsh(self, path: str) -> None:
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        html = response.content.decode()
        self.assertIn('<html lang="cy">', html)
        self.assertEqual(english_left(visible_text(html)), [], path)

    def test_the_new_workspace_pages_are_in_welsh(self) -> None:
        self.client.force_login(self.owner)
        draft = make_letter(self.org, slug="draft", publish=False)
        org, slug = self.org.slug, self.letter.slug
        pages = [
            reverse("workspace:updates", args=[org, slug]),
            reverse("workspace:settings", args=[org]),
            reverse("workspace:close", args=[org, slug]),
            reverse("workspace:duplicate", args=[org, slug]),
            reverse("workspace:publish", args=[org, draft.slug]),
            reverse("workspace:delete", args=[org, draft.slug]),
        ]
        for path in pages:
            with self.subTest(path=path):
                self.assert_welsh(path)

    def test_the_stop_emails_page_and_the_sign_form_are_in_welsh(self) -> None:
        self.sign_and_confirm()
        signature = Signature.objects.filter(letter=self.letter).first()
        assert signature is not None
        token = tokens.make(signature.uid, tokens.UNSUBSCRIBE)
        self.assert_welsh(reverse("letters:unsubscribe", args=[self.letter.slug, token]))
        html = self.client.get(self.letter.get_absolute_url()).content.decode()
        self.assertIn("Rhannwch y llythyr hwn", html)
        self.assertIn("Dod o hyd i lofnodwyr", html)


@override_settings(LANGUAGE_CODE="en-gb")
class WelshUpdateAndReminderEmailTests(BaseTestCase):
    """Updates and the reminder go out in the language the signer used when signing."""

    def assert_welsh(self, message: mail.EmailMessage) -> None:
        self.assertEqual(english_left(str(message.subject)), [], message.subject)
        self.assertEqual(english_left(str(message.body)), [], message.body)

    def test_the_reminder_is_in_welsh(self) -> None:
        self.client.cookies.load({"django_language": "cy"})
        self.sign(email="slow@example.org")
        Signature.objects.filter(email="slow@example.org").update(
            created=timezone.now() - timedelta(hours=25)
        )
        mail.outbox.clear()
        self.assertEqual(updates.remind_unconfirmed(), 1)
        message = mail.outbox[0]
        self.assertTrue(message.subject.startswith("Nodyn atgoffa: cadarnhewch eich llofnod"))
        self.assertIn("mae'n gweithio am 7 diwrnod", message.body)
        self.assert_welsh(message)

    def test_an_update_reaches_each_signer_in_their_language(self) -> None:
        self.client.cookies.load({"django_language": "cy"})
        self.sign_and_confirm(email="cy@example.org", wants_updates="on")
        self.client.cookies.load({"django_language": "en-gb"})
        self.sign_and_confirm(email="en@example.org", wants_updates="on")
        mail.outbox.clear()
        self.client.force_login(self.organiser)
        self.client.post(
            reverse("workspace:updates", args=[self.org.slug, self.letter.slug]),
            {"subject": "Y llythyr", "body": "Fe wnaethom ei gyflwyno."},
        )
        sent = {message.to[0]: message for message in mail.outbox}
        self.assertIn("Diweddariad gan drefnwyr", sent["cy@example.org"].body)
        self.assert_welsh(sent["cy@example.org"])
        self.assertIn("An update from the organisers", sent["en@example.org"].body)
