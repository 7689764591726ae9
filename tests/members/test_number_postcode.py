from django.core import mail
from django.test import override_settings

from tests.base import links_in
from tests.members.base import RosterTestCase
from undersigned.letters.models import Signature


class NumberPostcodeTests(RosterTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.import_roster()
        self.org.allow_number_postcode = True
        self.org.save()
        self.letter.eligibility = "members"
        self.letter.save()

    def test_the_fields_appear_only_when_the_organisation_allows_them(self) -> None:
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(page, 'name="membership_number"')
        self.assertContains(page, 'name="postcode"')
        self.org.allow_number_postcode = False
        self.org.save()
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertNotContains(page, 'name="membership_number"')

    def test_the_fields_do_not_appear_on_an_anyone_letter(self) -> None:
        self.letter.eligibility = "anyone"
        self.letter.save()
        self.assertNotContains(self.client.get(f"/l/{self.letter.slug}/"), "membership_number")

    def test_a_matching_number_and_postcode_verify_a_member_with_another_email(self) -> None:
        mail.outbox.clear()
        response = self.sign(
            email="ada.home@example.net", membership_number=" a001", postcode="ne14st"
        )
        self.assertRedirects(response, f"/l/{self.letter.slug}/signed/")
        self.assertEqual(mail.outbox[0].to, ["ada.home@example.net"])
        self.client.post(links_in(mail.outbox[0])["confirm"])
        signature = Signature.objects.get(email="ada.home@example.net")
        self.assertEqual((signature.status, signature.member), ("confirmed", "number"))
        self.assertEqual(signature.branch, self.tyneside)
        self.assertTrue(signature.branch_verified)
        self.assertEqual(signature.get_member_display(), "Member (verified by membership number)")

    def test_a_wrong_postcode_is_refused_on_the_page(self) -> None:
        response = self.sign(
            email="ada.home@example.net", membership_number="A001", postcode="SW1A 1AA"
        )
        self.assertContains(
            response, "do not match a member who may sign this letter", status_code=403
        )
        self.assertContains(response, "open to members of Northern Network", status_code=403)
        self.assertFalse(Signature.objects.exists())
        self.assertEqual(len(mail.outbox), 0)

    def test_a_lapsed_members_number_is_refused(self) -> None:
        response = self.sign(
            email="larry@example.net", membership_number="A003", postcode="SR1 1AA"
        )
        self.assertEqual(response.status_code, 403)

    def test_a_number_needs_a_postcode(self) -> None:
        response = self.sign(membership_number="A001")
        self.assertContains(response, "Enter your postcode", status_code=400)

    @override_settings(NUMBER_POSTCODE_ATTEMPTS=3)
    def test_failed_attempts_are_limited_per_network(self) -> None:
        for guess in ("AA1", "AA2", "AA3"):
            response = self.client.post(
                f"/l/{self.letter.slug}/",
                self.sign_form(membership_number="A001", postcode=f"{guess} 1AA"),
                REMOTE_ADDR="203.0.113.7",
            )
            self.assertContains(response, "do not match", status_code=403)
        # Even the right answer is refused now, from the same network...
        right = self.sign_form(membership_number="A001", postcode="NE1 4ST")
        response = self.client.post(f"/l/{self.letter.slug}/", right, REMOTE_ADDR="203.0.113.99")
        self.assertContains(response, "Too many membership numbers", status_code=403)
        # ...but not from another.
        response = self.client.post(f"/l/{self.letter.slug}/", right, REMOTE_ADDR="198.51.100.1")
        self.assertEqual(response.status_code, 302)

    def test_a_groups_letter_refuses_a_number_from_another_branch(self) -> None:
        self.letter.eligibility = "groups"
        self.letter.save()
        self.letter.eligible_branches.add(self.tyneside)
        response = self.sign(email="g@example.net", membership_number="A002", postcode="YO1 7HH")
        self.assertContains(
            response, "open to members of Northern Network in Tyneside branch", status_code=403
        )
        response = self.sign(email="a@example.net", membership_number="A001", postcode="NE1 4ST")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Signature.objects.get().member, "number")
