from django.core import mail

from tests.base import links_in
from tests.members.base import RosterTestCase
from undersigned.accounts.models import Branch, Region
from undersigned.letters.models import Refusal, Signature
from undersigned.members import invited


class EligibilityTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.import_roster()
        self.org.contact_email = "organisers@example.org"
        self.org.save()

    def set_eligibility(self, mode: str) -> None:
        self.letter.eligibility = mode
        self.letter.save()

    def assert_refused(self, email: str, open_to: str) -> None:
        mail.outbox.clear()
        response = self.sign(email=email)
        self.assertRedirects(response, f"/l/{self.letter.slug}/signed/")
        self.assertFalse(Signature.objects.filter(email=email).exists())
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [email])
        self.assertIn(f"This letter is open to {open_to}", message.body)
        self.assertIn("organisers@example.org", message.body)
        self.assertNotIn("confirm", links_in(message))
        self.assertFalse(Refusal.objects.exists())  # the address is forgotten once sent

    def test_anyone_may_sign_an_anyone_letter_with_a_self_declared_branch(self) -> None:
        signature = self.sign_and_confirm(email="stranger@example.org")
        self.assertEqual(signature.status, "confirmed")
        self.assertEqual(signature.member, "no")
        self.assertFalse(signature.branch_verified)
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), "(self-declared)")

    def test_a_members_letter_accepts_a_member_with_the_branch_from_the_roster(self) -> None:
        self.set_eligibility("members")
        signature = self.sign_and_confirm(email="Grace@Example.org")
        self.assertEqual(signature.status, "confirmed")
        self.assertEqual(signature.member, "yes")
        self.assertTrue(signature.branch_verified)
        self.assertEqual(signature.branch, Branch.objects.get(code="northern-york"))
        self.assertEqual(signature.region, Region.objects.get(code="northern-s"))
        self.letter.refresh_from_db()
        self.assertEqual((self.letter.confirmed_count, self.letter.member_count), (1, 1))

    def test_a_members_letter_ignores_a_branch_sent_in_the_form(self) -> None:
        self.set_eligibility("members")
        signature = self.sign_and_confirm(email="grace@example.org", branch=self.tyneside.pk)
        self.assertEqual(signature.branch, Branch.objects.get(code="northern-york"))

    def test_a_members_letter_refuses_a_non_member_by_email(self) -> None:
        self.set_eligibility("members")
        self.assert_refused("stranger@example.org", "members of Northern Network")

    def test_a_members_letter_refuses_a_lapsed_member(self) -> None:
        self.set_eligibility("members")
        self.assert_refused("larry@example.org", "members of Northern Network")

    def test_a_members_letter_refuses_a_member_of_another_organisation(self) -> None:
        self.import_roster(
            org=self.other_org,
            text="membership_number,email,branch\nS1,sam@example.org,southern-york\n",
        )
        self.set_eligibility("members")
        self.assert_refused("sam@example.org", "members of Northern Network")

    def test_a_groups_letter_accepts_members_of_its_regions(self) -> None:
        self.set_eligibility("groups")
        self.letter.eligible_regions.add(Region.objects.get(code="northern-s"))
        self.assertEqual(self.sign_and_confirm(email="grace@example.org").member, "yes")
        self.assert_refused("ada@example.org", "members of Northern Network in South")

    def test_a_groups_letter_accepts_members_of_its_branches(self) -> None:
        self.set_eligibility("groups")
        self.letter.eligible_branches.add(self.tyneside)
        self.letter.eligible_branches.add(Branch.objects.get(code="northern-wear"))
        self.assertEqual(self.sign_and_confirm(email="ada@example.org").member, "yes")
        self.assert_refused(
            "grace@example.org",
            "members of Northern Network in Tyneside branch or Wearside branch",
        )

    def test_an_invited_letter_accepts_only_invited_addresses(self) -> None:
        self.set_eligibility("invited")
        invited.replace(self.letter, self.org, ["Guest@example.org", "ada@example.org"])
        guest = self.sign_and_confirm(email="guest@example.org")
        self.assertEqual((guest.status, guest.member), ("confirmed", "no"))
        self.assertEqual(guest.branch, self.tyneside)  # self-declared
        self.assertFalse(guest.branch_verified)
        ada = self.sign_and_confirm(email="ada@example.org")
        self.assertEqual((ada.member, ada.branch_verified), ("yes", True))
        self.assert_refused("grace@example.org", "people invited by the organisers")

    def test_refusal_emails_are_limited_per_address(self) -> None:
        self.set_eligibility("members")
        mail.outbox.clear()
        for _ in range(8):
            self.sign(email="stranger@example.org")
        self.assertEqual(len(mail.outbox), 5)

    def test_signing_again_after_withdrawing_keeps_the_roster_branch(self) -> None:
        self.set_eligibility("members")
        signature = self.sign_and_confirm(email="ada@example.org")
        self.client.post(links_in(mail.outbox[0])["withdraw"])
        self.sign(email="ada@example.org")
        signature.refresh_from_db()
        self.assertEqual((signature.status, signature.member), ("pending", "yes"))
        self.assertEqual(signature.branch, self.tyneside)


class StaleRefusalTests(RosterTestCase):
    def test_refusals_whose_email_never_went_are_forgotten_after_a_day(self) -> None:
        from datetime import timedelta

        from django.utils import timezone

        from undersigned.letters.services import forget_stale_refusals

        old = Refusal.objects.create(letter=self.letter, email="old@example.org")
        Refusal.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=2))
        Refusal.objects.create(letter=self.letter, email="new@example.org")
        self.assertEqual(forget_stale_refusals(), 1)
        self.assertEqual(list(Refusal.objects.values_list("email", flat=True)), ["new@example.org"])


class MembersFormTests(RosterTestCase):
    def test_a_members_letter_asks_no_branch_and_says_the_roster_one_is_shown(self) -> None:
        self.letter.eligibility = "members"
        self.letter.save()
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertNotContains(page, 'name="branch"')
        self.assertContains(page, "my branch as the membership roster records it")
