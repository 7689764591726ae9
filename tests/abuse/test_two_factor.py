"""Two-factor authentication (TOTP) for organisers, which an owner can require."""

import re

from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.base import BaseTestCase

WORKSPACE = "/workspace/northern/letters/solidarity/"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(AXES_ENABLED=False)
class TwoFactorTests(BaseTestCase):
    def login(self, username: str = "organiser@example.org") -> object:
        return self.client.post(
            "/accounts/login/", {"username": username, "password": "password-for-tests"}
        )

    def enrol(self) -> TOTPDevice:
        page = self.client.get("/accounts/two-factor/")
        self.assertContains(page, 'src="data:image/svg+xml')
        key = re.search(r"<code>([A-Z2-7=]+)</code>", page.content.decode()).group(1)
        device = TOTPDevice.objects.get(user=self.organiser, confirmed=False)
        response = self.client.post("/accounts/two-factor/", {"code": code_for(device)})
        self.assertEqual(response.status_code, 302)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertTrue(key)
        return device

    def test_enrolling_needs_a_right_code(self) -> None:
        self.login()
        self.client.get("/accounts/two-factor/")
        response = self.client.post("/accounts/two-factor/", {"code": "000000"})
        self.assertContains(response, "not right", status_code=400)
        self.assertFalse(TOTPDevice.objects.filter(confirmed=True).exists())

    def test_after_enrolling_a_login_asks_for_a_code(self) -> None:
        self.login()
        device = self.enrol()
        self.client.logout()
        self.login()
        response = self.client.get(WORKSPACE)
        self.assertRedirects(
            response,
            f"/accounts/two-factor/verify/?next={WORKSPACE.replace('/', '%2F')}",
            fetch_redirect_response=False,
        )
        wrong = self.client.post(
            "/accounts/two-factor/verify/", {"code": "123456", "next": WORKSPACE}
        )
        self.assertContains(wrong, "not right", status_code=400)
        # A code is good once (django-otp refuses a code at or before the last used step),
        # and each failure doubles the wait before the next try: start afresh.
        device.refresh_from_db()
        device.last_t = -1
        device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
        device.save()
        right = self.client.post(
            "/accounts/two-factor/verify/", {"code": code_for(device), "next": WORKSPACE}
        )
        self.assertRedirects(right, WORKSPACE)
        self.assertEqual(self.client.get(WORKSPACE).status_code, 200)

    def test_without_a_device_and_without_the_requirement_nothing_changes(self) -> None:
        self.login()
        self.assertEqual(self.client.get(WORKSPACE).status_code, 200)

    def test_an_owner_can_require_it_and_organisers_are_sent_to_enrol(self) -> None:
        self.client.force_login(self.owner)
        self.client.post("/workspace/northern/people/two-factor/", {"require_two_factor": "on"})
        self.org.refresh_from_db()
        self.assertTrue(self.org.require_two_factor)
        self.client.logout()
        self.login()
        response = self.client.get(WORKSPACE)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/two-factor/?next="))
        page = self.client.get(response["Location"])
        self.assertContains(page, "Northern Network requires two-factor authentication")
        self.enrol()
        self.assertEqual(self.client.get(WORKSPACE).status_code, 200)

    def test_another_organisations_requirement_does_not_apply(self) -> None:
        self.other_org.require_two_factor = True
        self.other_org.save()
        self.login()
        self.assertEqual(self.client.get(WORKSPACE).status_code, 200)

    def test_only_an_owner_can_require_it(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.post(
            "/workspace/northern/people/two-factor/", {"require_two_factor": "on"}
        )
        self.assertEqual(response.status_code, 404)
