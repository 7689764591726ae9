from django.test import override_settings

from tests.base import BaseTestCase
from undersigned.letters import moderation, services
from undersigned.letters.models import Signature
from undersigned.lib import names


class ModerationRuleTests(BaseTestCase):
    def confirm(
        self,
        name: str = "Ada Lovelace",
        email: str = "ada@example.org",
        ip: str = "198.51.100.7",
        **extra: object,
    ) -> Signature:
        signature = services.sign(self.letter, name=name, email=email, ip=ip, **extra)
        services.confirm(signature.uid)
        signature.refresh_from_db()
        return signature

    def test_an_ordinary_signature_is_not_flagged(self) -> None:
        signature = self.confirm()
        self.assertEqual((signature.review, signature.flags), ("", []))

    def test_names_that_are_web_addresses_are_flagged(self) -> None:
        for name in ("https://spam.example", "www.cheap-pills.biz", "buy-now.com"):
            with self.subTest(name=name):
                self.assertIn(names.URL_NAME, names.name_flags(name))

    def test_names_of_digits_only_are_flagged(self) -> None:
        self.assertIn(names.DIGITS_NAME, names.name_flags("123456"))
        self.assertNotIn(names.DIGITS_NAME, names.name_flags("Louis 14"))

    def test_names_that_start_like_a_formula_are_flagged(self) -> None:
        for name in ("=SUM(A1)", "+44 Bob", "-Eve", "@Mallory"):
            with self.subTest(name=name):
                self.assertIn(names.FORMULA_NAME, names.name_flags(name))

    def test_ordinary_names_pass(self) -> None:
        for name in ("Ada Lovelace", "Dr. Mary Jones", "Zoë O'Neill-Smith", "李小龍"):
            with self.subTest(name=name):
                self.assertEqual(names.name_flags(name), [])

    def test_a_disposable_email_domain_is_flagged_from_the_package_list(self) -> None:
        signature = self.confirm(email="someone@mailinator.com")
        self.assertEqual(signature.review, "flagged")
        self.assertEqual(signature.flags, [moderation.DISPOSABLE])

    @override_settings(MODERATION_BURST_LIMIT=2)
    def test_a_burst_from_one_network_is_flagged(self) -> None:
        first = self.confirm(email="a@example.org", ip="203.0.113.1")
        second = self.confirm(name="Bea", email="b@example.org", ip="203.0.113.2")
        third = self.confirm(name="Cy", email="c@example.org", ip="203.0.113.250")
        other = self.confirm(name="Di", email="d@example.org", ip="192.0.2.1")
        self.assertEqual([first.review, second.review], ["", ""])
        self.assertIn(moderation.BURST, third.flags)
        self.assertEqual(other.review, "")

    @override_settings(MODERATION_BURST_LIMIT=1)
    def test_a_burst_counts_ipv6_by_its_48(self) -> None:
        self.confirm(email="a@example.org", ip="2001:db8:1:1::1")
        second = self.confirm(name="Bea", email="b@example.org", ip="2001:db8:1:ffff::2")
        self.assertIn(moderation.BURST, second.flags)

    def test_the_same_name_twice_in_one_branch_is_flagged(self) -> None:
        self.confirm(branch=self.tyneside)
        again = self.confirm(name=" ada lovelace", email="ada2@example.org", branch=self.tyneside)
        self.assertIn(moderation.SAME_NAME, again.flags)

    def test_the_same_name_in_another_branch_is_not_flagged(self) -> None:
        from undersigned.accounts.models import Branch

        self.confirm(branch=self.tyneside)
        york = Branch.objects.get(code="northern-york")
        again = self.confirm(email="ada2@example.org", branch=york)
        self.assertEqual(again.review, "")

    def test_a_flagged_signature_still_counts(self) -> None:
        self.confirm(name="=1+1")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)
