"""Updates to signers, the one reminder, and unsubscribing: through the task queue, by
email, each with an unsubscribe link (issue 17)."""

import re
from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from tests.base import BaseTestCase, links_in
from undersigned.letters import updates
from undersigned.letters.models import LetterUpdate, Signature

UNSUBSCRIBE = re.compile(r"https?://\S+/l/[\w-]+/unsubscribe/\S+/")


def unsubscribe_path(message: mail.EmailMessage) -> str:
    match = UNSUBSCRIBE.search(str(message.body))
    assert match, message.body
    return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]


class UpdateTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.subscriber = self.sign_and_confirm(email="yes@example.org", wants_updates="on")
        self.quiet = self.sign_and_confirm(email="no@example.org")
        self.sign(email="pending@example.org", wants_updates="on")
        mail.outbox.clear()

    def post_update(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.post(
            "/workspace/northern/letters/solidarity/updates/",
            {"subject": "We delivered the letter", "body": "We handed it to the committee."},
        )
        self.assertRedirects(response, "/workspace/northern/letters/solidarity/updates/")

    def test_an_update_goes_to_confirmed_signers_who_asked_for_it(self) -> None:
        self.post_update()
        self.assertEqual([m.to for m in mail.outbox], [["yes@example.org"]])
        message = mail.outbox[0]
        self.assertEqual(message.subject, "We delivered the letter")
        self.assertIn("We handed it to the committee.", str(message.body))
        self.assertIn("/l/solidarity/unsubscribe/", str(message.body))
        self.assertIn("/l/solidarity/unsubscribe/", message.extra_headers["List-Unsubscribe"])
        self.assertEqual(
            message.extra_headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click"
        )
        self.assertEqual(LetterUpdate.objects.get().recipients, 1)
        page = self.client.get("/workspace/northern/letters/solidarity/updates/")
        self.assertContains(page, "We delivered the letter")
        self.assertContains(page, "sent to 1 signer")

    def test_an_update_is_sent_once_however_often_the_task_runs(self) -> None:
        self.post_update()
        updates.send_update.enqueue(LetterUpdate.objects.get().pk)
        self.assertEqual(len(mail.outbox), 1)

    def test_unsubscribing_stops_further_updates(self) -> None:
        self.post_update()
        path = unsubscribe_path(mail.outbox[0])
        self.assertContains(self.client.get(path), "Stop these emails")
        done = self.client.post(path)
        self.assertContains(done, "You will get no more emails about this letter")
        mail.outbox.clear()
        self.post_update()
        self.assertEqual(mail.outbox, [])
        self.assertEqual(Signature.objects.get(email="yes@example.org").status, "confirmed")

    def test_one_click_unsubscribe_works_without_a_form(self) -> None:
        self.post_update()
        path = unsubscribe_path(mail.outbox[0])
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(path, {"List-Unsubscribe": "One-Click"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Signature.objects.get(email="yes@example.org").wants_updates)

    def test_a_forged_unsubscribe_link_does_nothing(self) -> None:
        response = self.client.post("/l/solidarity/unsubscribe/forged/")
        self.assertEqual(response.status_code, 404)

    def test_a_moderator_cannot_send_updates(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.post(
            "/workspace/northern/letters/solidarity/updates/", {"subject": "x", "body": "y"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(mail.outbox, [])

    def test_an_empty_update_is_refused_with_a_message(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.post(
            "/workspace/northern/letters/solidarity/updates/", {"subject": "", "body": ""}
        )
        self.assertContains(response, "Enter a subject", status_code=400)
        self.assertEqual(mail.outbox, [])


class ReminderTests(BaseTestCase):
    def age(self, email: str, hours: int) -> None:
        Signature.objects.filter(email=email).update(
            created=timezone.now() - timedelta(hours=hours)
        )

    def test_one_reminder_goes_to_a_signature_pending_for_a_day(self) -> None:
        self.sign(email="slow@example.org")
        self.sign(email="fresh@example.org", name="Fresh Signer")
        self.sign_and_confirm(email="done@example.org")
        for email in ("slow@example.org", "done@example.org"):
            self.age(email, 25)
        mail.outbox.clear()
        self.assertEqual(updates.remind_unconfirmed(), 1)
        self.assertEqual([m.to for m in mail.outbox], [["slow@example.org"]])
        message = mail.outbox[0]
        self.assertIn("Reminder: confirm your signature", message.subject)
        self.assertIn("This is the only reminder", str(message.body))
        self.assertIn("/l/solidarity/unsubscribe/", str(message.body))
        # The reminder's confirm link works.
        self.client.post(links_in(message)["confirm"])
        self.assertEqual(Signature.objects.get(email="slow@example.org").status, "confirmed")
        # And it is the only one.
        self.assertEqual(updates.remind_unconfirmed(), 0)

    def test_an_unsubscribed_signer_gets_no_reminder(self) -> None:
        self.sign(email="slow@example.org")
        signature = Signature.objects.get(email="slow@example.org")
        updates.unsubscribe(signature)
        self.age("slow@example.org", 30)
        mail.outbox.clear()
        self.assertEqual(updates.remind_unconfirmed(), 0)
        self.assertEqual(mail.outbox, [])

    @override_settings(MAX_EMAILS_PER_SIGNATURE=1)
    def test_the_reminder_respects_the_email_limit_per_signature(self) -> None:
        self.sign(email="slow@example.org")
        self.age("slow@example.org", 30)
        mail.outbox.clear()
        self.assertEqual(updates.remind_unconfirmed(), 0)

    def test_the_reminder_is_a_clock_job(self) -> None:
        from django.conf import settings

        self.assertIn(
            "undersigned.letters.updates.remind_unconfirmed", [j for _, j in settings.CLOCK_JOBS]
        )
