"""A name must show: invisible names are refused, abuse-looking ones flagged for review."""

from django.core import mail

from tests.base import BaseTestCase
from undersigned.letters.models import Signature

ZALGO = "Z" + "\u0336\u0353\u0317\u0301\u0300" * 6 + "algo"


class NameTests(BaseTestCase):
    def test_a_name_of_zero_width_spaces_is_refused(self) -> None:
        response = self.sign(name="\u200b\u200b\u200b")
        self.assertContains(response, "Your name needs letters that can be seen", status_code=400)
        self.assertFalse(Signature.objects.exists())

    def test_a_name_of_punctuation_and_marks_only_is_refused(self) -> None:
        response = self.sign(name=".. \u0301\u0301 --")
        self.assertContains(response, "Your name needs letters that can be seen", status_code=400)

    def test_names_in_any_script_are_welcome_and_not_flagged(self) -> None:
        for number, name in enumerate(["Nguyễn Thị Minh Khai", "محمد", "मीरा", "Zoë O'Brien"]):
            signature = self.sign_and_confirm(name=name, email=f"n{number}@example.org")
            self.assertEqual((signature.name, signature.review), (name, ""), name)

    def test_a_zalgo_name_is_flagged_for_review(self) -> None:
        signature = self.sign_and_confirm(name=ZALGO)
        self.assertEqual(signature.review, "flagged")
        self.assertIn("name-has-stacked-marks", signature.flags)

    def test_a_name_hiding_invisible_characters_is_flagged_for_review(self) -> None:
        signature = self.sign_and_confirm(name="Ada\u200b\u2060 Lovelace")
        self.assertIn("name-has-invisible-characters", signature.flags)
        self.client.force_login(self.moderator)
        queue = self.client.get("/workspace/northern/letters/solidarity/moderation/")
        self.assertContains(queue, "Name contains invisible characters")

    def test_the_api_refuses_an_invisible_name_with_the_forms_message(self) -> None:
        mail.outbox.clear()
        response = self.client.post(
            "/api/v1/letters/solidarity/signatures",
            {"name": "\u200b", "email": "zw@example.org", "consent": True},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("letters that can be seen", response.json()["fields"]["name"][0])
