from django.test import override_settings

from tests.base import BaseTestCase
from undersigned.letters.models import Signature
from undersigned.lib import ratelimit


class SignRateLimitTests(BaseTestCase):
    @override_settings(SIGN_LIMIT_PER_NETWORK=2)
    def test_the_form_refuses_a_network_over_its_limit(self) -> None:
        for number in range(2):
            response = self.client.post(
                "/l/solidarity/",
                self.sign_form(email=f"s{number}@example.org"),
                REMOTE_ADDR=f"203.0.113.{number + 1}",
            )
            self.assertEqual(response.status_code, 302)
        refused = self.client.post(
            "/l/solidarity/", self.sign_form(email="late@example.org"), REMOTE_ADDR="203.0.113.200"
        )
        self.assertContains(refused, "Too many signatures came from your network", status_code=429)
        self.assertContains(refused, "Your signature was not recorded yet", status_code=429)
        self.assertNotContains(refused, "problem with what you entered", status_code=429)
        self.assertEqual(Signature.objects.count(), 2)
        other = self.client.post(
            "/l/solidarity/", self.sign_form(email="late@example.org"), REMOTE_ADDR="198.51.100.7"
        )
        self.assertEqual(other.status_code, 302)

    def test_hit_counts_per_key_within_the_limit(self) -> None:
        self.assertEqual(
            [ratelimit.hit("k", 3, 60) for _ in range(5)], [True, True, True, False, False]
        )
        self.assertTrue(ratelimit.hit("other", 3, 60))
