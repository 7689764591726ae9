import csv
import io
import json

from django.utils import timezone

from tests.api.base import ApiTestCase
from tests.base import make_letter
from undersigned.accounts.models import Membership
from undersigned.api.models import ApiToken


class OrganiserApiTestCase(ApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.token, self.secret = ApiToken.issue(self.organiser, self.org, "Script")
        self.foreign = make_letter(self.other_org, slug="southern-letter")

    def get(self, path: str, secret: str | None = None, **params: str) -> object:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret or self.secret}"}
        return self.client.get(f"/api/v1/organiser/{path}", params, **headers)


class OrganiserAuthTests(OrganiserApiTestCase):
    def test_it_lists_the_tokens_organisation_letters_including_drafts(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        response = self.get("letters")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(sorted(item["slug"] for item in response.json()), ["draft", "solidarity"])

    def test_it_refuses_a_missing_or_wrong_token(self) -> None:
        self.assert_error(self.client.get("/api/v1/organiser/letters"), 401, "unauthenticated")
        self.assert_error(self.get("letters", secret="us_not-a-token"), 401, "unauthenticated")

    def test_it_refuses_a_revoked_token(self) -> None:
        self.token.revoked_at = timezone.now()
        self.token.save()
        self.assert_error(self.get("letters"), 401, "unauthenticated")
        self.assert_error(self.get("letters/solidarity/export.csv"), 401, "unauthenticated")

    def test_it_refuses_the_token_of_someone_no_longer_organising(self) -> None:
        Membership.objects.filter(user=self.organiser).update(role="moderator")
        self.assert_error(self.get("letters"), 401, "unauthenticated")

    def test_a_token_of_one_organisation_cannot_read_another(self) -> None:
        for path in (
            "letters/southern-letter/stats",
            "letters/southern-letter/export.csv",
            "letters/southern-letter/export.json",
        ):
            self.assert_error(self.get(path), 404, "not_found")
        self.assertNotIn("southern-letter", str(self.get("letters").json()))

    def test_it_notes_when_the_token_was_used(self) -> None:
        self.get("letters")
        self.token.refresh_from_db()
        self.assertIsNotNone(self.token.last_used)


class OrganiserExportTests(OrganiserApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.sign_and_confirm()

    def test_it_streams_a_public_csv(self) -> None:
        response = self.get("letters/solidarity/export.csv")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/csv"))
        self.assertIn("solidarity-public.csv", response["Content-Disposition"])
        text = b"".join(response.streaming_content).decode()
        rows = list(csv.reader(io.StringIO(text)))
        self.assertGreaterEqual(len(rows), 2)
        self.assertIn("Ada Lovelace", text)
        self.assertNotIn("ada@example.org", text)

    def test_the_private_csv_has_the_emails(self) -> None:
        response = self.get("letters/solidarity/export.csv", private="true")
        self.assertIn("ada@example.org", b"".join(response.streaming_content).decode())

    def test_it_streams_json(self) -> None:
        response = self.get("letters/solidarity/export.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        text = b"".join(response.streaming_content).decode()
        self.assertIn("Ada Lovelace", json.dumps(json.loads(text)))

    def test_it_gives_the_statistics(self) -> None:
        response = self.get("letters/solidarity/stats")
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response.json(), dict)
        self.assertIn("1", json.dumps(response.json()))
