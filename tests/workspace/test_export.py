from tests.base import BaseTestCase
from undersigned.accounts.models import AuditEntry

BASE = "/workspace/northern/letters/solidarity/export/"


class ExportViewTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.sign_and_confirm(name="Ada Lovelace", email="ada@example.org")
        self.client.force_login(self.organiser)

    def body(self, path: str) -> str:
        response = self.client.get(BASE + path)
        self.assertEqual(response.status_code, 200)
        return b"".join(response.streaming_content).decode()

    def test_the_page_offers_both_lists(self) -> None:
        page = self.client.get(BASE)
        self.assertContains(page, "Public list as CSV")
        self.assertContains(page, "Full list as CSV")

    def test_the_private_csv_downloads_with_emails(self) -> None:
        response = self.client.get(BASE + "private.csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn(
            'filename="solidarity-private-signatures.csv"', response["Content-Disposition"]
        )
        self.assertIn("ada@example.org", b"".join(response.streaming_content).decode())

    def test_the_public_json_has_no_emails(self) -> None:
        text = self.body("public.json")
        self.assertIn("Ada Lovelace", text)
        self.assertNotIn("ada@example.org", text)

    def test_every_download_is_audited(self) -> None:
        self.body("private.json")
        entry = AuditEntry.objects.get(action="exported")
        self.assertEqual(
            (entry.actor, entry.detail),
            (self.organiser, {"kind": "private", "fmt": "json", "via": "workspace"}),
        )

    def test_an_unknown_format_is_not_found(self) -> None:
        self.assertEqual(self.client.get(BASE + "private.xlsx").status_code, 404)
        self.assertEqual(self.client.get(BASE + "secret.csv").status_code, 404)
