"""Progressive friction: past a threshold one network must solve a proof-of-work challenge
(ALTCHA), and only a much higher one is refused with 429."""

from typing import Any

import altcha
from django.test import override_settings

from tests.api.base import ApiTestCase
from undersigned.letters.models import Signature


def solve(challenge: dict[str, Any]) -> str:
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed)
    assert solution is not None
    return str(altcha.Payload(parsed, solution).to_base64())


@override_settings(SIGN_CHALLENGE_AFTER=2, SIGN_LIMIT_PER_NETWORK=10)
class ChallengeTests(ApiTestCase):
    def post(self, n: int, **extra: str) -> Any:
        return self.client.post(
            f"/l/{self.letter.slug}/",
            {**self.sign_form(email=f"s{n}@example.org"), **extra},
            REMOTE_ADDR=f"203.0.113.{n + 1}",
        )

    def solved(self) -> str:
        return solve(self.client.get("/challenge.json").json())

    def test_ordinary_signers_see_nothing(self) -> None:
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertNotContains(page, "altcha-widget")
        self.assertEqual(self.post(0).status_code, 302)

    def test_past_the_threshold_the_form_asks_for_the_challenge(self) -> None:
        for n in range(2):
            self.assertEqual(self.post(n).status_code, 302)
        response = self.post(2)
        self.assertContains(response, "solve a small puzzle", status_code=400)
        self.assertContains(response, "<altcha-widget", status_code=400)
        self.assertContains(response, "challenge.js", status_code=400)
        self.assertContains(response, "<noscript>", status_code=400)
        self.assertFalse(Signature.objects.filter(email="s2@example.org").exists())
        # The page carries the widget from then on.
        page = self.client.get(f"/l/{self.letter.slug}/", REMOTE_ADDR="203.0.113.50")
        self.assertContains(page, "<altcha-widget")

    def test_a_solved_challenge_signs(self) -> None:
        for n in range(2):
            self.post(n)
        self.assertEqual(self.post(2, altcha=self.solved()).status_code, 302)
        self.assertTrue(Signature.objects.filter(email="s2@example.org").exists())

    def test_a_wrong_answer_is_refused(self) -> None:
        for n in range(2):
            self.post(n)
        challenge = self.client.get("/challenge.json").json()
        challenge["parameters"]["cost"] = 1  # tampered: the signature no longer matches
        self.assertEqual(self.post(2, altcha=solve(challenge)).status_code, 400)
        self.assertEqual(self.post(3, altcha="bm90IGEgcGF5bG9hZA==").status_code, 400)

    def test_a_solved_challenge_is_accepted_once(self) -> None:
        for n in range(2):
            self.post(n)
        answer = self.solved()
        self.assertEqual(self.post(2, altcha=answer).status_code, 302)
        self.assertEqual(self.post(3, altcha=answer).status_code, 400)
        self.assertFalse(Signature.objects.filter(email="s3@example.org").exists())

    def test_the_hard_limit_answers_429_with_retry_after(self) -> None:
        for n in range(10):
            self.post(n, altcha=self.solved())
        response = self.post(10, altcha=self.solved())
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "600")

    def test_under_attack_everyone_solves_the_challenge(self) -> None:
        self.letter.under_attack = True
        self.letter.save()
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), "<altcha-widget")
        self.assertEqual(self.post(0).status_code, 400)
        self.assertEqual(self.post(1, altcha=self.solved()).status_code, 302)

    def test_the_api_asks_for_the_challenge_too(self) -> None:
        path = f"/api/v1/letters/{self.letter.slug}/signatures"
        for n in range(2):
            response = self.post_json(path, self.sign_body(email=f"a{n}@example.org"))
            self.assertEqual(response.status_code, 202)
        refused = self.post_json(path, self.sign_body(email="a2@example.org"))
        body = self.assert_error(refused, 428, "challenge_required")
        self.assertIn("/api/v1/challenge", body["message"])
        answer = solve(self.client.get("/api/v1/challenge").json())
        ok = self.post_json(path, self.sign_body(email="a2@example.org", altcha=answer))
        self.assertEqual(ok.status_code, 202)
        again = self.post_json(path, self.sign_body(email="a3@example.org", altcha=answer))
        self.assert_error(again, 428, "challenge_required")

    def test_the_api_answers_429_with_retry_after_past_the_hard_limit(self) -> None:
        path = f"/api/v1/letters/{self.letter.slug}/signatures"
        for n in range(10):
            self.post(n, altcha=self.solved())
        response = self.post_json(
            path, self.sign_body(altcha=self.solved()), REMOTE_ADDR="203.0.113.99"
        )
        self.assert_error(response, 429, "rate_limited")
        self.assertEqual(response["Retry-After"], "600")

    def test_the_widget_and_its_worker_are_served_by_the_site(self) -> None:
        for name in ("vendor/altcha/altcha.min.js", "vendor/altcha/pbkdf2.js", "challenge.js"):
            response = self.client.get(f"/static/undersigned/{name}")
            self.assertEqual(response.status_code, 200, name)
