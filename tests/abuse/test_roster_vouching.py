"""Finding 1: one roster entry vouched for many signatures (membership number + postcode)."""

from django.core import mail

from tests.base import links_in
from tests.members.base import RosterTestCase
from undersigned.letters.models import Signature


class RosterVouchingTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.import_roster()
        self.org.allow_number_postcode = True
        self.org.save()
        self.letter.eligibility = "members"
        self.letter.save()

    def sign_with_number(self, email: str, postcode: str = "NE1 4ST") -> object:
        mail.outbox.clear()
        response = self.sign(email=email, membership_number="A001", postcode=postcode)
        for message in mail.outbox:
            if "confirm" in links_in(message):
                self.client.post(links_in(message)["confirm"])
        return response

    def test_one_member_counts_once_however_many_emails_use_the_number(self) -> None:
        for n in range(4):
            response = self.sign_with_number(f"someone{n}@example.net")
            # The page never tells whether the membership had signed already.
            self.assertRedirects(response, f"/l/{self.letter.slug}/signed/")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.member_count, 1)
        self.assertEqual(self.letter.confirmed_count, 1)
        verified = Signature.objects.filter(letter=self.letter, status="confirmed")
        self.assertEqual([s.email for s in verified], ["someone0@example.net"])

    def test_the_second_email_is_told_politely_by_email(self) -> None:
        self.sign_with_number("first@example.net")
        mail.outbox.clear()
        self.sign(email="second@example.net", membership_number="A001", postcode="NE1 4ST")
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("already", str(mail.outbox[0].body))
        self.assertNotIn("confirm", links_in(mail.outbox[0]))

    def test_the_member_may_sign_again_after_withdrawing(self) -> None:
        self.sign_with_number("first@example.net")
        signature = Signature.objects.get(email="first@example.net")
        from undersigned.letters import services

        services.withdraw(signature.uid)
        self.sign_with_number("second@example.net")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.member_count, 1)

    def test_the_outward_part_of_the_postcode_is_not_enough(self) -> None:
        response = self.sign(email="x@example.net", membership_number="A001", postcode="NE1")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "full postcode", status_code=400)

    def test_a_wrong_inward_part_does_not_match(self) -> None:
        response = self.sign(email="x@example.net", membership_number="A001", postcode="NE1 9ZZ")
        self.assertContains(response, "do not match", status_code=403)
