from io import StringIO

from django.core.management import call_command
from django.test import SimpleTestCase, override_settings

from undersigned.ledger import notes


class LedgerKeyTests(SimpleTestCase):
    def test_it_prints_the_published_verifier_key(self) -> None:
        out = StringIO()
        call_command("ledger_key", stdout=out)
        self.assertEqual(out.getvalue().strip(), notes.signer().verifier.vkey)

    def test_a_generated_key_is_accepted_as_the_signing_key(self) -> None:
        out = StringIO()
        call_command("ledger_key", "--generate", stdout=out)
        generated = out.getvalue().strip()
        self.assertTrue(generated.startswith("PRIVATE+KEY+testserver+"))
        with override_settings(LEDGER_SIGNING_KEY=generated):
            signer = notes.signer()
            text = signer.verifier.open(signer.sign("hello\n"))
        self.assertEqual(text, "hello\n")
