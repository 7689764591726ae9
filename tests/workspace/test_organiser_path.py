"""The whole organiser path through the test client, as one story: invite, accept, create,
add an initial signatory, publish, sign from outside, flag, remove, restore, edit the text
(a new version), close, export."""

import re

from django.core import mail
from django.test import Client

from tests.base import BaseTestCase, links_in
from undersigned.accounts.models import AuditEntry, Membership
from undersigned.ledger.models import PendingEvent
from undersigned.letters.models import Letter, LetterVersion, Signature

INVITE_LINK = re.compile(r"https?://testserver(/accounts/invite/[^/\s]+/)")


class OrganiserPathTests(BaseTestCase):
    def test_an_invited_organiser_runs_a_letter_from_draft_to_export(self) -> None:
        # The owner invites a new organiser.
        owner = Client()
        owner.force_login(self.owner)
        response = owner.post(
            "/workspace/northern/people/", {"email": "Grace@Example.org", "role": "organiser"}
        )
        self.assertRedirects(response, "/workspace/northern/people/")
        self.assertEqual(mail.outbox[-1].to, ["grace@example.org"])
        invite_path = INVITE_LINK.search(str(mail.outbox[-1].body)).group(1)

        # Grace accepts and chooses a password; she lands on her dashboard.
        grace = Client()
        page = grace.get(invite_path)
        self.assertContains(page, "Join Northern Network")
        response = grace.post(
            invite_path,
            {
                "name": "Grace Hopper",
                "password1": "cobol-ships-1959",
                "password2": "cobol-ships-1959",
            },
        )
        self.assertRedirects(response, "/workspace/")
        membership = Membership.objects.get(user__email="grace@example.org")
        self.assertEqual(membership.role, "organiser")
        self.assertContains(grace.get("/workspace/"), "Create letter")

        # She creates a draft; the slug comes from the title.
        response = grace.post(
            "/workspace/northern/letters/new/",
            {
                "title": "Fair pay for care workers",
                "slug": "",
                "addressee": "The Board",
                "body": "We ask for **fair pay**.\n\nThank you.",
                "ask_role": "on",
                "ask_branch": "on",
                "action": "save",
            },
        )
        letter = Letter.objects.get(slug="fair-pay-for-care-workers")
        base = "/workspace/northern/letters/fair-pay-for-care-workers/"
        self.assertRedirects(response, base)
        self.assertEqual(letter.status, "draft")
        self.assertEqual(self.client.get("/l/fair-pay-for-care-workers/").status_code, 404)

        # She adds herself as an initial signatory; she confirms from her email.
        mail.outbox.clear()
        response = grace.post(
            base + "initial/",
            {"name": "Grace Hopper", "email": "grace@example.org", "role": "Convenor"},
        )
        self.assertRedirects(response, base)
        grace.post(links_in(mail.outbox[-1])["confirm"])
        initial = Signature.objects.get(letter=letter, email="grace@example.org")
        self.assertEqual((initial.status, initial.is_initial), ("confirmed", True))

        # Preview, then publish.
        self.assertContains(grace.get(base + "preview/"), "<strong>fair pay</strong>", html=True)
        response = grace.post(base + "publish/")
        self.assertRedirects(response, base)
        letter.refresh_from_db()
        self.assertEqual(letter.status, "open")
        self.assertIsNotNone(letter.opens_at)
        public = self.client.get("/l/fair-pay-for-care-workers/")
        self.assertContains(public, "Initial signatories")
        self.assertContains(public, "Grace Hopper")

        # Someone signs from outside with a formula for a name: it is flagged.
        outsider = self.sign_and_confirm(letter, name="=HYPERLINK(1)", email="x@example.net")
        self.assertEqual(outsider.review, "flagged")
        queue = grace.get(base + "moderation/")
        self.assertContains(queue, "=HYPERLINK(1)")
        self.assertContains(queue, "spreadsheet formula")
        letter.refresh_from_db()
        self.assertEqual(letter.confirmed_count, 2)

        # She removes it with a reason; it leaves the count and the list.
        response = grace.post(
            base + f"signatures/{outsider.pk}/remove/", {"reason": "spam", "note": "A formula"}
        )
        self.assertRedirects(response, base + "moderation/")
        letter.refresh_from_db()
        self.assertEqual((letter.confirmed_count, letter.removed_count), (1, 1))
        public = self.client.get("/l/fair-pay-for-care-workers/")
        self.assertNotContains(public, "HYPERLINK")
        self.assertContains(public, "1 signature removed by moderators")
        self.assertTrue(
            PendingEvent.objects.filter(kind="remove", item_id=outsider.pk, reason="spam").exists()
        )

        # ... and restores it.
        response = grace.post(base + f"signatures/{outsider.pk}/restore/")
        self.assertRedirects(response, base + "moderation/")
        letter.refresh_from_db()
        self.assertEqual((letter.confirmed_count, letter.removed_count), (2, 0))
        self.assertContains(self.client.get("/l/fair-pay-for-care-workers/"), "HYPERLINK")
        self.assertTrue(PendingEvent.objects.filter(kind="restore", item_id=outsider.pk).exists())

        # Editing the published text needs a reason and makes version 2.
        edit = {
            "title": "Fair pay for care workers",
            "addressee": "The Board",
            "body": "We ask for **fair pay** and safe staffing.\n\nThank you.",
            "ask_role": "on",
            "ask_branch": "on",
            "action": "save",
        }
        refused = grace.post(base + "edit/", edit)
        self.assertContains(refused, "Say briefly why the text changed", status_code=400)
        self.assertEqual(LetterVersion.objects.filter(letter=letter).count(), 1)
        response = grace.post(base + "edit/", {**edit, "reason": "Added safe staffing"})
        self.assertRedirects(response, base)
        letter.refresh_from_db()
        self.assertEqual(letter.version, 2)
        self.assertIn("safe staffing", letter.body)
        self.assertTrue(PendingEvent.objects.filter(kind="text", version=2).exists())
        changes = self.client.get("/l/fair-pay-for-care-workers/changes/")
        self.assertContains(changes, "Added safe staffing")
        # Word by word, as rendered: only the added words are marked.
        self.assertContains(changes, "and safe staffing.")
        self.assertRegex(changes.content.decode(), r"<ins>.*and safe staffing\..*</ins>")
        self.assertContains(self.client.get("/l/fair-pay-for-care-workers/"), "Text version 2")

        # Close.
        response = grace.post(base + "close/")
        self.assertRedirects(response, base)
        self.assertContains(self.client.get("/l/fair-pay-for-care-workers/"), "This letter closed")

        # Export: organisers get emails; the public list does not have them.
        private = grace.get(base + "export/private.csv")
        body = b"".join(private.streaming_content).decode()
        self.assertIn("grace@example.org", body)
        self.assertIn("'=HYPERLINK(1)", body)
        public_csv = b"".join(grace.get(base + "export/public.csv").streaming_content).decode()
        self.assertNotIn("@example", public_csv)
        self.assertIn("Grace Hopper", public_csv)

        # The owner sees all of it in the audit log.
        log = owner.get("/workspace/northern/audit/")
        for action in (
            "invited",
            "joined",
            "created",
            "published",
            "removed",
            "restored",
            "new version",
            "closed",
            "exported",
        ):
            self.assertContains(log, f"<td>{action}</td>", html=True)
        self.assertEqual(AuditEntry.objects.filter(action="exported").count(), 2)
