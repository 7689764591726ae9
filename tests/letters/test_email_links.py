"""Emailed links say what already happened, and initial signatories read what they sign."""

from django.core import mail

from tests.base import BaseTestCase, links_in, make_letter
from undersigned.letters import services
from undersigned.letters.models import Signature


class StaleLinkTests(BaseTestCase):
    def test_a_used_confirm_link_says_the_signature_is_already_confirmed(self) -> None:
        self.sign()
        links = links_in(mail.outbox[-1])
        self.client.post(links["confirm"])
        response = self.client.get(links["confirm"])
        self.assertContains(response, "Your signature is already confirmed")
        self.assertNotContains(response, "Confirm my signature</button>")

    def test_a_confirm_link_after_withdrawing_says_so(self) -> None:
        self.sign()
        links = links_in(mail.outbox[-1])
        self.client.post(links["withdraw"])
        response = self.client.get(links["confirm"])
        self.assertContains(response, "There is nothing to confirm", status_code=403)
        self.assertNotContains(response, "Confirm my signature</button>", status_code=403)

    def test_a_used_withdraw_link_says_it_was_already_withdrawn(self) -> None:
        self.sign()
        links = links_in(mail.outbox[-1])
        self.client.post(links["withdraw"])
        response = self.client.get(links["withdraw"])
        self.assertContains(response, "Your signature was already withdrawn")
        self.assertNotContains(response, "Withdraw my signature</button>")

    def test_a_confirm_link_of_a_closed_letter_says_it_closed(self) -> None:
        self.sign()
        links = links_in(mail.outbox[-1])
        services.close(self.letter)
        response = self.client.get(links["confirm"])
        self.assertContains(response, "This letter has closed", status_code=403)
        self.assertNotContains(response, "Confirm my signature</button>", status_code=403)


class InitialSignatoryTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.draft = make_letter(
            self.org, slug="draft", publish=False, body="We ask for **a fair hearing**."
        )
        mail.outbox.clear()
        services.sign(self.draft, name="Founder", email="founder@example.org", is_initial=True)
        self.email = mail.outbox[-1]
        self.links = links_in(self.email)

    def test_the_confirm_page_shows_the_text_of_the_draft(self) -> None:
        response = self.client.get(self.links["confirm"])
        self.assertContains(response, "<strong>a fair hearing</strong>", html=True)
        self.assertContains(response, "Confirm my signature")

    def test_the_email_has_no_links_that_answer_not_found_while_it_is_a_draft(self) -> None:
        body = str(self.email.body)
        self.assertNotIn("/l/draft/\n", body)
        self.assertIn("read the text", body)
        for url in [w for w in body.split() if w.startswith("http")]:
            path = "/" + url.split("://", 1)[1].split("/", 1)[1]
            self.assertNotEqual(self.client.get(path).status_code, 404, path)

    def test_confirming_a_draft_says_sharing_starts_at_publication(self) -> None:
        response = self.client.post(self.links["confirm"])
        self.assertContains(response, "Thank you for signing")
        self.assertContains(response, "once the letter is published")
        self.assertNotContains(response, 'href="/l/draft/"')

    def test_an_initial_signatory_confirming_after_the_letter_closed_is_not_counted(self) -> None:
        services.publish(self.draft)
        services.close(self.draft)
        response = self.client.post(self.links["confirm"])
        self.assertContains(response, "This letter has closed", status_code=403)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.confirmed_count, 0)
        self.assertEqual(Signature.objects.get(email="founder@example.org").status, "pending")


class CheckEmailPageTests(BaseTestCase):
    def test_it_shows_the_address_typed_once(self) -> None:
        response = self.sign(
            email="Ada@Example.org",
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, '<strong class="email">ada@example.org</strong>', html=True)
        self.assertContains(page, "Sign again")
        again = self.client.get(response["Location"])
        self.assertNotContains(again, "ada@example.org")
