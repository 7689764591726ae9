import re

from django.core import mail

from tests.members.base import RosterTestCase

# Nonces and (masked) CSRF tokens differ on every response anyway.
NONCE = re.compile(rb'(nonce|name="csrfmiddlewaretoken" value)="[^"]+"')


class ProbingTests(RosterTestCase):
    """Until an email address is confirmed, nobody learns from the site whether it is on the
    roster: members and non-members get the same response."""

    def setUp(self) -> None:
        super().setUp()
        self.import_roster()
        self.letter.eligibility = "members"
        self.letter.save()

    def assert_same(self, first: str, second: str) -> None:
        one = self.sign(email=first)
        page_one = self.client.get(one["Location"])
        two = self.sign(email=second)
        page_two = self.client.get(two["Location"])
        self.assertEqual(one.status_code, two.status_code)
        self.assertEqual(one["Location"], two["Location"])
        # The page repeats the address typed (the visitor's own input), nothing more.
        self.assertEqual(
            NONCE.sub(b"", page_one.content).replace(first.encode(), b"ADDRESS"),
            NONCE.sub(b"", page_two.content).replace(second.encode(), b"ADDRESS"),
        )

    def test_a_member_and_a_non_member_get_the_same_response(self) -> None:
        self.assert_same("ada@example.org", "stranger@example.org")

    def test_a_lapsed_member_and_an_active_one_get_the_same_response(self) -> None:
        self.assert_same("grace@example.org", "larry@example.org")

    def test_a_member_outside_the_letters_groups_gets_the_same_response(self) -> None:
        self.letter.eligibility = "groups"
        self.letter.save()
        self.letter.eligible_branches.add(self.tyneside)
        self.assert_same("ada@example.org", "grace@example.org")

    def test_the_difference_is_only_in_the_email(self) -> None:
        mail.outbox.clear()
        self.sign(email="ada@example.org")
        self.sign(email="stranger@example.org")
        subjects = {m.to[0]: m.subject for m in mail.outbox}
        self.assertIn("Confirm your signature", subjects["ada@example.org"])
        self.assertIn("About your signature", subjects["stranger@example.org"])
