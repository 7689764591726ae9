"""Letter management: confirm before publish and close, duplicate, delete a draft,
schedule publishing, invitations for invited lists (issue 17)."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from tests.base import BaseTestCase, make_letter
from undersigned.accounts.models import AuditEntry
from undersigned.letters import schedule, services
from undersigned.letters.models import Letter, Signature


class ManagementTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)
        self.draft = make_letter(self.org, slug="draft", publish=False, title="A draft", goal=500)
        self.base = "/workspace/northern/letters/"

    def test_closing_asks_for_confirmation_first(self) -> None:
        page = self.client.get(self.base + "solidarity/close/")
        self.assertContains(page, "Yes, close it")
        self.assertEqual(Letter.objects.get(slug="solidarity").status, "open")
        self.client.post(self.base + "solidarity/close/")
        self.assertEqual(Letter.objects.get(slug="solidarity").status, "closed")

    def test_a_closed_letter_overview_says_when_it_closed_not_when_it_would(self) -> None:
        Letter.objects.filter(slug="solidarity").update(
            closes_at=timezone.now() + timedelta(days=30)
        )
        self.client.post(self.base + "solidarity/close/")
        page = self.client.get(self.base + "solidarity/")
        self.assertContains(page, "<dt>Closed</dt>")
        self.assertNotContains(page, "<dt>Closes</dt>")

    def test_a_letter_is_duplicated_as_a_new_draft(self) -> None:
        self.sign_and_confirm()
        response = self.client.post(self.base + "solidarity/duplicate/")
        copy = Letter.objects.exclude(pk__in=[self.letter.pk, self.draft.pk]).get()
        self.assertRedirects(response, self.base + f"{copy.slug}/edit/")
        self.assertEqual(
            (copy.status, copy.body, copy.title), ("draft", self.letter.body, self.letter.title)
        )
        self.assertNotEqual(copy.slug, self.letter.slug)
        self.assertEqual(copy.signatures.count(), 0)
        self.assertTrue(AuditEntry.objects.filter(action="duplicated"))

    def test_a_draft_is_deleted_after_confirmation(self) -> None:
        services.sign(self.draft, name="Founder", email="f@example.org", is_initial=True)
        self.assertContains(self.client.get(self.base + "draft/delete/"), "Yes, delete it")
        response = self.client.post(self.base + "draft/delete/")
        self.assertRedirects(response, "/workspace/")
        self.assertFalse(Letter.objects.filter(slug="draft").exists())
        self.assertFalse(Signature.objects.filter(email="f@example.org").exists())

    def test_a_published_letter_cannot_be_deleted(self) -> None:
        self.client.post(self.base + "solidarity/delete/")
        self.assertTrue(Letter.objects.filter(slug="solidarity").exists())

    def test_a_moderator_cannot_delete_or_duplicate(self) -> None:
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.post(self.base + "draft/delete/").status_code, 404)
        self.assertEqual(self.client.post(self.base + "draft/duplicate/").status_code, 404)

    def test_a_scheduled_draft_publishes_itself_when_its_time_comes(self) -> None:
        response = self.client.post(
            self.base + "draft/edit/",
            {
                "title": "A draft",
                "slug": "draft",
                "body": "Text",
                "publish_at": (timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
                "goal": "500",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(schedule.publish_due_letters(), 0)
        Letter.objects.filter(slug="draft").update(publish_at=timezone.now())
        self.assertEqual(schedule.publish_due_letters(), 1)
        self.assertEqual(Letter.objects.get(slug="draft").status, "open")

    def test_a_publishing_time_in_the_past_is_refused(self) -> None:
        response = self.client.post(
            self.base + "draft/edit/",
            {"title": "A draft", "body": "Text", "publish_at": "2001-01-01T10:00"},
        )
        self.assertContains(response, "Choose a publishing time in the future", status_code=400)

    def test_the_audit_log_lists_settings_not_form_switches(self) -> None:
        self.client.post(
            self.base + "solidarity/edit/",
            {
                "title": self.letter.title,
                "body": self.letter.body,
                "addressee": "The Board",
                "notify": "on",
                "ask_role": "on",
                "ask_branch": "on",
                "eligibility": "anyone",
                "organisers": [self.organiser.pk],
            },
        )
        entry = AuditEntry.objects.filter(action="edited").latest("id")
        self.assertEqual(entry.detail["fields"], ["addressee"])


class InvitedListTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)
        self.draft = make_letter(
            self.org, slug="invited", publish=False, eligibility=Letter.Eligibility.INVITED
        )
        self.base = "/workspace/northern/letters/invited/"

    def test_an_invited_letter_with_an_empty_list_cannot_be_published(self) -> None:
        page = self.client.get(self.base + "publish/")
        self.assertContains(page, "the list is empty")
        self.assertNotContains(page, "Yes, publish it")
        self.client.post(self.base + "publish/")
        self.assertEqual(Letter.objects.get(slug="invited").status, "draft")

    def test_invitations_wait_for_publication_then_go_once(self) -> None:
        mail.outbox.clear()
        self.client.post(
            "/workspace/northern/members/invited/invited/",
            {"emails": "kim@example.org\nlee@example.org", "send": "on"},
        )
        self.assertEqual(mail.outbox, [])
        self.client.post(self.base + "publish/")
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["kim@example.org", "lee@example.org"]
        )
        self.assertIn("invite you to sign", str(mail.outbox[0].body))
        self.assertIn("/l/invited/#sign", str(mail.outbox[0].body))
        from undersigned.letters.invitations import send_invitations

        send_invitations.enqueue(self.draft.pk)
        self.assertEqual(len(mail.outbox), 2)


class LineEndingTests(BaseTestCase):
    def test_an_untouched_text_sent_with_browser_line_ends_is_not_a_new_version(self) -> None:
        self.client.force_login(self.organiser)
        letter = make_letter(self.org, slug="lines", body="One.\n\nTwo.")
        response = self.client.post(
            "/workspace/northern/letters/lines/edit/",
            {
                "title": letter.title,
                "body": "One.\r\n\r\nTwo.",
                "goal": "10",
                "ask_role": "on",
                "ask_branch": "on",
                "eligibility": "anyone",
            },
        )
        self.assertEqual(response.status_code, 302)
        letter.refresh_from_db()
        self.assertEqual((letter.version, letter.goal), (1, 10))


class TimeZoneTests(BaseTestCase):
    def test_closing_times_are_entered_and_shown_in_the_organisations_zone(self) -> None:
        self.org.time_zone = "Europe/London"
        self.org.save()
        self.client.force_login(self.organiser)
        draft = make_letter(self.org, slug="tz", publish=False, title="Zones")
        page = self.client.get("/workspace/northern/letters/tz/edit/")
        self.assertContains(page, "Closing date and time (Europe/London, optional)")
        self.client.post(
            "/workspace/northern/letters/tz/edit/",
            {"title": "Zones", "slug": "tz", "body": "Text", "closes_at": "2031-07-01T18:00"},
        )
        draft.refresh_from_db()
        # 18:00 in London in July is 17:00 UTC.
        self.assertEqual(draft.closes_at.isoformat(), "2031-07-01T17:00:00+00:00")
        overview = self.client.get("/workspace/northern/letters/tz/")
        self.assertContains(overview, "1 Jul 2031, 18:00 BST")

    def test_an_owner_chooses_the_time_zone_and_a_bad_one_is_refused(self) -> None:
        self.client.force_login(self.owner)
        data = {"name": "Northern Network", "accent_colour": "#1d5c8f"}
        response = self.client.post(
            "/workspace/northern/settings/", {**data, "time_zone": "Mars/Base"}
        )
        self.assertContains(response, "Choose a time zone from the list", status_code=400)
        self.client.post("/workspace/northern/settings/", {**data, "time_zone": "Europe/Paris"})
        self.org.refresh_from_db()
        self.assertEqual(self.org.time_zone, "Europe/Paris")
