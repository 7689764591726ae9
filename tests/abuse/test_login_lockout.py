"""Finding 2: failed logins behind a proxy locked out every organiser, for ever."""

from django.test import override_settings

from tests.base import BaseTestCase

PROXY = ("HTTP_X_FORWARDED_PROTO", "https")


@override_settings(SECURE_PROXY_SSL_HEADER=PROXY)
class LockoutBehindProxyTests(BaseTestCase):
    def login(self, username: str, password: str, client_address: str) -> object:
        return self.client.post(
            "/accounts/login/",
            {"username": username, "password": password},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=client_address,
        )

    def test_a_strangers_failures_do_not_lock_out_an_organiser_elsewhere(self) -> None:
        for _ in range(8):
            self.login("organiser@example.org", "wrong", "203.0.113.9")
        response = self.login("organiser@example.org", "password-for-tests", "198.51.100.7")
        self.assertRedirects(response, "/workspace/", fetch_redirect_response=False)

    def test_failures_for_one_name_do_not_lock_out_another_behind_the_same_proxy(self) -> None:
        for _ in range(8):
            self.login("stranger@example.org", "wrong", "203.0.113.9")
        response = self.login("organiser@example.org", "password-for-tests", "203.0.113.9")
        self.assertRedirects(response, "/workspace/", fetch_redirect_response=False)

    def test_the_same_address_and_name_are_still_locked_out(self) -> None:
        for _ in range(5):
            self.login("organiser@example.org", "wrong", "203.0.113.9")
        response = self.login("organiser@example.org", "password-for-tests", "203.0.113.9")
        self.assertContains(response, "Too many failed login attempts", status_code=429)

    def test_failing_during_the_lockout_does_not_restart_the_wait(self) -> None:
        from django.conf import settings

        self.assertFalse(settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT)
        self.assertEqual(settings.AXES_LOCKOUT_PARAMETERS, [["ip_address", "username"]])
