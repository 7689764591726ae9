"""Owners edit their organisation's settings, logo included (issue 17)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.base import BaseTestCase
from undersigned.accounts.models import AuditEntry, Organisation

URL = "/workspace/northern/settings/"


def png(size: tuple[int, int] = (600, 300), fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#c0392b").save(buffer, format=fmt)
    return SimpleUploadedFile(f"logo.{fmt.lower()}", buffer.getvalue(), f"image/{fmt.lower()}")


class SettingsTests(BaseTestCase):
    def form(self, **overrides: object) -> dict[str, object]:
        data: dict[str, object] = {
            "name": "Northern Network",
            "contact_email": "help@example.org",
            "accent_colour": "#8e44ad",
            "time_zone": "UTC",
            "allow_number_postcode": "on",
        }
        data.update(overrides)
        return data

    def test_only_owners_reach_the_settings(self) -> None:
        for user in (self.organiser, self.moderator, self.other_owner):
            self.client.force_login(user)
            self.assertEqual(self.client.get(URL).status_code, 404)
        self.client.force_login(self.owner)
        self.assertContains(self.client.get(URL), "Organisation settings")

    def test_an_owner_changes_the_name_colour_contact_route_and_shares(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(URL, self.form(name="North Net", show_branch_share="on"))
        self.assertRedirects(response, URL)
        org = Organisation.objects.get(slug="northern")
        self.assertEqual(
            (org.name, org.contact_email, org.accent_colour),
            ("North Net", "help@example.org", "#8e44ad"),
        )
        self.assertTrue(org.allow_number_postcode and org.show_branch_share)
        self.assertContains(self.client.get("/l/solidarity/"), "--accent: #8e44ad")
        entry = AuditEntry.objects.get(action="changed settings")
        self.assertIn("name", entry.detail["fields"])

    def test_a_logo_is_reencoded_as_a_small_png_and_served_from_the_site(self) -> None:
        self.client.force_login(self.owner)
        self.client.post(URL, {**self.form(), "logo": png(fmt="JPEG")})
        logo = self.client.get("/o/northern/logo.png")
        self.assertEqual(logo["Content-Type"], "image/png")
        image = Image.open(io.BytesIO(logo.content))
        self.assertEqual((image.format, image.size), ("PNG", (256, 128)))
        self.assertContains(self.client.get("/l/solidarity/"), "/o/northern/logo.png")
        self.client.post(URL, {**self.form(), "remove_logo": "on"})
        self.assertEqual(self.client.get("/o/northern/logo.png").status_code, 404)

    def test_a_file_that_is_not_an_image_is_refused(self) -> None:
        self.client.force_login(self.owner)
        fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png")
        response = self.client.post(URL, {**self.form(), "logo": fake})
        self.assertContains(response, "not an image we can read", status_code=400)

    def test_a_logo_over_the_size_limit_is_refused(self) -> None:
        self.client.force_login(self.owner)
        big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (1024 * 1024 + 1), "image/png")
        response = self.client.post(URL, {**self.form(), "logo": big})
        self.assertContains(response, "too large", status_code=400)

    def test_a_bad_colour_or_empty_name_gets_a_clear_error(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(URL, self.form(name="", accent_colour="red"))
        self.assertContains(response, "Enter the organisation", status_code=400)
        self.assertContains(response, "Use a colour like #1d5c8f.", status_code=400)
