from django.test import override_settings

from tests.base import BaseTestCase
from undersigned.letters.models import Signature


class BadInputTests(BaseTestCase):
    def assert_field_error(self, field: str, message: str, **overrides: object) -> None:
        response = self.sign(**overrides)
        self.assertEqual(response.status_code, 400)
        self.assertIn(field, response.context["form"].errors)
        self.assertContains(response, message, status_code=400)
        self.assertContains(response, f'aria-describedby="id_{field}-error', status_code=400)
        self.assertEqual(Signature.objects.count(), 0)

    def test_it_refuses_an_empty_name(self) -> None:
        self.assert_field_error("name", "Enter your name.", name="   ")

    def test_it_refuses_a_name_over_200_characters(self) -> None:
        self.assert_field_error("name", "at most 200 characters", name="A" * 201)

    def test_it_refuses_control_characters_in_a_name(self) -> None:
        self.assert_field_error("name", "control characters", name="Ada\x07 Lovelace")

    def test_it_refuses_bidi_overrides_in_a_name(self) -> None:
        self.assert_field_error("name", "control characters", name="Ada \u202eecalevol")

    def test_it_normalises_names_to_nfc(self) -> None:
        self.sign(name="Zoe\u0301")
        self.assertEqual(Signature.objects.get().name, "Zo\u00e9")

    def test_it_refuses_an_invalid_email(self) -> None:
        self.assert_field_error("email", "Enter an email address", email="not-an-email")

    def test_it_refuses_an_over_long_email(self) -> None:
        self.assert_field_error("email", "email", email="a" * 250 + "@example.org")

    def test_it_refuses_a_role_over_200_characters(self) -> None:
        self.assert_field_error("role", "at most 200 characters", role="R" * 201)

    def test_it_refuses_an_unknown_branch(self) -> None:
        self.assert_field_error("branch", "Choose a branch from the list.", branch="999999")

    def test_it_refuses_a_branch_of_another_organisation(self) -> None:
        foreign = self.other_org.branches.first()
        self.assert_field_error("branch", "Choose a branch from the list.", branch=foreign.pk)

    def test_it_refuses_a_missing_consent(self) -> None:
        self.assert_field_error("consent", "Tick the box", consent=None)

    def test_it_refuses_an_unknown_display_choice(self) -> None:
        self.assert_field_error("display", "Select a valid choice", display="everything")

    def test_it_shows_an_error_summary_linking_to_the_fields(self) -> None:
        response = self.sign(name="", consent=None)
        self.assertContains(response, 'href="#id_name"', status_code=400)
        self.assertContains(response, 'href="#id_consent"', status_code=400)

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
    def test_it_refuses_an_oversized_body(self) -> None:
        response = self.sign(role="R" * 5000)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Signature.objects.count(), 0)
