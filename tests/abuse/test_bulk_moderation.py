"""Moderators approve or remove flagged signatures in bulk."""

from tests.base import BaseTestCase
from undersigned.accounts.models import AuditEntry
from undersigned.letters.models import Signature


class BulkModerationTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.flagged = []
        for n in range(3):
            signature = self.sign_and_confirm(email=f"f{n}@example.org", name=f"Flagged {n}")
            Signature.objects.filter(pk=signature.pk).update(review="flagged", flags=["x"])
            self.flagged.append(signature.pk)
        self.client.force_login(self.moderator)
        self.path = f"/workspace/{self.org.slug}/letters/{self.letter.slug}/moderation/"

    def test_the_queue_has_a_tick_box_for_each_signature(self) -> None:
        page = self.client.get(self.path)
        for pk in self.flagged:
            self.assertContains(page, f'name="signatures" value="{pk}" form="bulk"')
        self.assertContains(page, "Apply to ticked signatures")

    def test_approving_in_bulk(self) -> None:
        response = self.client.post(
            self.path + "bulk/", {"action": "approve", "signatures": self.flagged[:2]}, follow=True
        )
        self.assertContains(response, "Approved 2 signatures.")
        reviews = dict(Signature.objects.values_list("pk", "review"))
        self.assertEqual([reviews[pk] for pk in self.flagged], ["approved", "approved", "flagged"])
        self.assertEqual(AuditEntry.objects.filter(action="approved").count(), 2)

    def test_removing_in_bulk_needs_a_reason_and_uncounts(self) -> None:
        self.client.post(self.path + "bulk/", {"action": "remove", "signatures": self.flagged})
        self.assertEqual(Signature.objects.filter(status="removed").count(), 0)
        response = self.client.post(
            self.path + "bulk/",
            {"action": "remove", "reason": "spam", "signatures": self.flagged},
            follow=True,
        )
        self.assertContains(response, "Removed 3 signatures.")
        self.letter.refresh_from_db()
        self.assertEqual((self.letter.confirmed_count, self.letter.removed_count), (0, 3))

    def test_another_organisations_moderator_cannot(self) -> None:
        self.client.force_login(self.other_owner)
        response = self.client.post(
            self.path + "bulk/", {"action": "approve", "signatures": self.flagged}
        )
        self.assertEqual(response.status_code, 404)
