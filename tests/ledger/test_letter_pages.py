"""What the log adds to the letter's pages: the receipt on the thank-you page and the
"Check this count" section."""

from django.core import mail

from tests.base import BaseTestCase, links_in
from undersigned.ledger import sequencer


class ReceiptOnThankYouPageTests(BaseTestCase):
    def confirm_link(self) -> str:
        mail.outbox.clear()
        self.sign()
        return links_in(mail.outbox[-1])["confirm"]

    def test_before_logging_it_says_a_receipt_will_follow(self) -> None:
        response = self.client.post(self.confirm_link())
        self.assertContains(response, "Thank you for signing")
        self.assertContains(response, "will be added to the letter's public log within a few")
        self.assertNotContains(response, "c2sp.org/tlog-proof@v1")

    def test_once_logged_the_page_shows_the_receipt_and_how_to_check_it(self) -> None:
        link = self.confirm_link()
        self.client.post(link)
        sequencer.sequence_all()
        response = self.client.post(link)
        self.assertContains(response, "Your signature is already confirmed")
        self.assertContains(response, "c2sp.org/tlog-proof@v1\nextra ")
        self.assertContains(response, "index 1\n")
        self.assertContains(
            response,
            "undersigned verify http://testserver/l/solidarity/ --receipt "
            "solidarity.tlog-proof --email YOUR-EMAIL",
        )


class CheckThisCountTests(BaseTestCase):
    def test_the_letter_page_explains_what_the_log_proves_and_does_not(self) -> None:
        response = self.client.get("/l/solidarity/")
        self.assertContains(response, "Check this count")
        self.assertContains(response, "no entry was dropped, changed or invented")
        self.assertContains(response, "does not prove:</strong> that each signature belongs")
        self.assertContains(
            response, "undersigned verify http://testserver/l/solidarity/ --state ~/.undersigned"
        )
        self.assertContains(response, 'href="/l/solidarity/count.json"')
        self.assertContains(response, 'href="/.well-known/undersigned/vkey"')
