"""Emails go out in the language the signer used when signing, subject and body."""

from django.core import mail
from django.test import override_settings
from django.utils import translation

from tests.base import BaseTestCase, make_letter
from tests.i18n.catalogue import english_left
from undersigned.ledger import sequencer
from undersigned.letters import services, versions
from undersigned.letters.models import Signature
from undersigned.members.models import Eligibility


@override_settings(LANGUAGE_CODE="en-gb")
class WelshEmailTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.cookies.load({"django_language": "cy"})

    def assert_welsh(self, message: mail.EmailMessage) -> None:
        self.assertEqual(english_left(str(message.subject)), [], message.subject)
        self.assertEqual(english_left(str(message.body)), [], message.body)

    def test_the_confirmation_is_in_welsh_and_the_signature_keeps_the_language(self) -> None:
        self.sign()
        message = mail.outbox[-1]
        self.assertTrue(message.subject.startswith("Cadarnhewch eich llofnod: "))
        self.assertIn("mae'n gweithio am 7 diwrnod", message.body)
        self.assert_welsh(message)
        self.assertEqual(Signature.objects.get().language, "cy")

    def test_the_already_signed_reminder_is_in_welsh(self) -> None:
        self.sign_and_confirm()
        self.sign()
        self.assertTrue(mail.outbox[-1].subject.startswith("Rydych eisoes wedi llofnodi"))
        self.assert_welsh(mail.outbox[-1])

    def test_the_receipt_is_in_welsh(self) -> None:
        self.sign_and_confirm()
        sequencer.sequence_all()
        receipt = mail.outbox[-1]
        self.assertIn("log cyhoeddus", receipt.subject)
        self.assert_welsh(receipt)

    def test_the_text_changed_email_is_in_the_signers_language(self) -> None:
        self.sign_and_confirm()
        self.client.cookies.load({"django_language": "en-gb"})
        self.sign_and_confirm(email="grace@example.org", name="Grace Hopper")
        mail.outbox.clear()
        versions.new_version(self.letter, title="New", body="New text", reason="Typo", by=None)
        versions.notify_signers.call(self.letter.pk, 2)
        subjects = sorted(str(m.subject) for m in mail.outbox)
        self.assertEqual(subjects, ["Mae'r testun wedi newid: New", "The text has changed: New"])
        self.assert_welsh(next(m for m in mail.outbox if m.subject.startswith("Mae")))

    def test_the_refusal_is_in_welsh(self) -> None:
        members_only = make_letter(self.org, slug="members-only", eligibility=Eligibility.MEMBERS)
        with translation.override("cy"):
            services.sign(members_only, name="Ada", email="not-a-member@example.org")
        message = mail.outbox[-1]
        self.assertTrue(message.subject.startswith("Ynglŷn â'ch llofnod"))
        self.assertIn("aelodau Northern Network", message.body)
        self.assert_welsh(message)

    def test_an_english_signer_gets_english(self) -> None:
        self.client.cookies.load({"django_language": "en-gb"})
        self.sign()
        self.assertTrue(mail.outbox[-1].subject.startswith("Confirm your signature: "))
        self.assertIn("Please confirm your signature", mail.outbox[-1].body)
