"""Finding 4: API exports wrote no audit entry."""

from tests.api.test_organiser import OrganiserApiTestCase
from undersigned.accounts.models import AuditEntry


class ApiExportAuditTests(OrganiserApiTestCase):
    def test_a_private_token_export_is_audited(self) -> None:
        self.sign_and_confirm()
        response = self.get("letters/solidarity/export.csv", private="true")
        self.assertEqual(response.status_code, 200)
        b"".join(response.streaming_content)
        entry = AuditEntry.objects.get(action="exported")
        self.assertEqual(entry.actor, self.organiser)
        self.assertEqual(entry.subject_id, self.letter.pk)
        self.assertEqual(entry.detail["kind"], "private")
        self.assertEqual(entry.detail["via"], "api")

    def test_a_public_json_export_is_audited_too(self) -> None:
        self.get("letters/solidarity/export.json")
        entry = AuditEntry.objects.get(action="exported")
        self.assertEqual((entry.detail["kind"], entry.detail["fmt"]), ("public", "json"))

    def test_the_owners_audit_page_shows_it(self) -> None:
        self.get("letters/solidarity/export.csv", private="true")
        self.client.force_login(self.owner)
        page = self.client.get(f"/workspace/{self.org.slug}/audit/")
        self.assertContains(page, "exported")
