from datetime import timedelta

from django.core import mail
from django.utils import timezone

from tests.base import BaseTestCase, links_in, make_letter
from undersigned.accounts.models import AuditEntry
from undersigned.letters import services
from undersigned.letters.models import Signature


class PublishTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)
        self.draft = make_letter(self.org, slug="draft", publish=False, title="A draft")
        self.base = "/workspace/northern/letters/draft/"

    def test_the_preview_page_shows_the_text_and_a_publish_button(self) -> None:
        page = self.client.get(self.base + "preview/")
        self.assertContains(page, "<strong>Sam</strong>", html=True)
        self.assertContains(page, ">Publish<")

    def test_publishing_opens_the_public_page(self) -> None:
        self.assertEqual(self.client.get("/l/draft/").status_code, 404)
        response = self.client.post(self.base + "publish/")
        self.assertRedirects(response, self.base)
        self.assertContains(self.client.get("/l/draft/"), "Sign this letter")
        self.assertTrue(AuditEntry.objects.filter(action="published", actor=self.organiser))

    def test_publishing_twice_says_so(self) -> None:
        self.client.post(self.base + "publish/")
        response = self.client.post(self.base + "publish/", follow=True)
        self.assertContains(response, "Only a draft can be published.")

    def test_publishing_asks_for_confirmation_first(self) -> None:
        page = self.client.get(self.base + "publish/")
        self.assertContains(page, "Yes, publish it")
        self.assertContains(page, "Anyone may sign.")
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, "draft")

    def test_closing_stops_signing(self) -> None:
        self.client.post("/workspace/northern/letters/solidarity/close/")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.status, "closed")
        self.assertEqual(self.sign().status_code, 403)

    def test_reopening_needs_a_future_date(self) -> None:
        services.close(self.letter)
        past = (timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        url = "/workspace/northern/letters/solidarity/reopen/"
        response = self.client.post(url, {"closes_at": past})
        self.assertContains(response, "Choose a closing date in the future.", status_code=400)
        response = self.client.post(url, {"closes_at": ""})
        self.assertRedirects(response, "/workspace/northern/letters/solidarity/")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.status, "open")


class InitialSignatoryTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.organiser)
        self.draft = make_letter(self.org, slug="draft", publish=False)
        self.url = "/workspace/northern/letters/draft/initial/"

    def test_an_initial_signatory_confirms_by_email_before_publication(self) -> None:
        mail.outbox.clear()
        self.client.post(self.url, {"name": "Rosa", "email": "rosa@example.org"})
        page = self.client.get(links_in(mail.outbox[-1])["confirm"])
        self.assertContains(page, "Confirm my signature")
        self.client.post(links_in(mail.outbox[-1])["confirm"])
        signature = Signature.objects.get(email="rosa@example.org")
        self.assertEqual((signature.status, signature.is_initial), ("confirmed", True))
        services.publish(self.draft)
        page = self.client.get("/l/draft/")
        self.assertContains(page, "Initial signatories")
        self.assertContains(page, "Rosa")

    def test_bad_input_is_refused_with_a_message(self) -> None:
        response = self.client.post(self.url, {"name": "Rosa", "email": "not-an-email"})
        self.assertContains(response, "Enter an email address like", status_code=400)
        self.assertFalse(Signature.objects.exists())

    def test_after_publication_it_is_refused(self) -> None:
        response = self.client.post(
            "/workspace/northern/letters/solidarity/initial/",
            {"name": "Late", "email": "late@example.org"},
            follow=True,
        )
        self.assertContains(response, "Initial signatories are added before publication.")
        self.assertFalse(Signature.objects.filter(email="late@example.org").exists())

    def test_an_initial_signatory_can_withdraw_before_publication(self) -> None:
        mail.outbox.clear()
        self.client.post(self.url, {"name": "Rosa", "email": "rosa@example.org"})
        self.client.post(links_in(mail.outbox[-1])["withdraw"])
        self.assertEqual(Signature.objects.get(email="rosa@example.org").status, "withdrawn")

    def test_a_forged_link_does_not_reveal_a_draft(self) -> None:
        response = self.client.get("/l/draft/confirm/forged:token:here/")
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Solidarity with Sam", status_code=404)
