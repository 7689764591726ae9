from django.core.management import call_command
from django.test import TestCase, override_settings

from undersigned.accounts.models import Branch, Organisation, Region
from undersigned.letters.models import Letter, Signature


@override_settings(DEBUG=True)
class DemoTests(TestCase):
    def test_it_loads_an_organisation_a_letter_and_about_120_signatures(self) -> None:
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        org = Organisation.objects.get()
        self.assertEqual(org.name, "Northern Members' Network")
        self.assertEqual(Region.objects.count(), 3)
        self.assertGreaterEqual(Branch.objects.count(), 9)
        letter = Letter.objects.get()
        self.assertEqual(letter.status, "open")
        self.assertEqual(letter.confirmed_count, 120)
        self.assertEqual(Signature.objects.filter(status="confirmed").count(), 120)
        self.assertTrue(Signature.objects.filter(display="hidden").exists())
        self.assertTrue(Signature.objects.exclude(role="").exists())
        page = self.client.get(letter.get_absolute_url())
        self.assertContains(page, "Solidarity with Sam Okafor")
        self.assertContains(page, ">120<")

    def test_running_it_twice_changes_nothing(self) -> None:
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        before = (Signature.objects.count(), Branch.objects.count(), Letter.objects.count())
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        after = (Signature.objects.count(), Branch.objects.count(), Letter.objects.count())
        self.assertEqual(before, after)

    @override_settings(DEBUG=False)
    def test_it_refuses_to_load_with_debug_off(self) -> None:
        from django.core.management.base import CommandError

        with self.assertRaises(CommandError):
            call_command("demo")
