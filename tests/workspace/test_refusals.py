"""Every workspace address refuses people outside the organisation, and roles that may not
do the thing, with the same 404 (nobody learns what exists). Anonymous visitors are sent to
log in. Moderators review signatures only: no text editing, no emails."""

from django.contrib.auth.models import User

from tests.base import BaseTestCase, make_letter, make_user
from undersigned.accounts import invites
from undersigned.accounts.models import Membership
from undersigned.letters.models import Letter, Signature

OWNER, ORGANISER, MODERATOR = "owner", "organiser", "moderator"
EVERYONE = (OWNER, ORGANISER, MODERATOR)
EDITORS = (OWNER, ORGANISER)


class RefusalTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.signature = self.sign_and_confirm()
        self.client.logout()
        letter = "/workspace/northern/letters/solidarity/"
        sig = f"{letter}signatures/{self.signature.pk}/"
        # Removing a person is tried on a spare membership, so the others keep theirs.
        spare = make_user("spare@example.org", self.org, MODERATOR)
        staff = Membership.objects.get(user=spare).pk
        invite = invites.invite(self.org, "invited@example.org", MODERATOR, self.owner).pk
        # (method, path, roles that may)
        self.addresses = [
            ("get", f"{letter}", EVERYONE),
            ("get", f"{letter}moderation/", EVERYONE),
            ("post", f"{sig}approve/", EVERYONE),
            ("get", f"{sig}remove/", EVERYONE),
            ("post", f"{sig}restore/", EVERYONE),
            ("get", f"{letter}export/", EVERYONE),
            ("get", f"{letter}export/public.csv", EVERYONE),
            ("get", f"{letter}export/public.json", EVERYONE),
            ("get", "/workspace/northern/letters/new/", EDITORS),
            ("get", f"{letter}edit/", EDITORS),
            ("post", f"{letter}edit/", EDITORS),
            ("get", f"{letter}preview/", EDITORS),
            ("post", f"{letter}publish/", EDITORS),
            ("post", f"{letter}close/", EDITORS),
            ("post", f"{letter}reopen/", EDITORS),
            ("post", f"{letter}initial/", EDITORS),
            ("get", f"{letter}export/private.csv", EDITORS),
            ("get", f"{letter}export/private.json", EDITORS),
            ("get", f"{letter}statistics/", EDITORS),
            ("get", "/workspace/northern/people/", (OWNER,)),
            ("post", "/workspace/northern/people/", (OWNER,)),
            ("post", f"/workspace/northern/people/{staff}/role/", (OWNER,)),
            ("post", f"/workspace/northern/people/{staff}/remove/", (OWNER,)),
            ("post", f"/workspace/northern/people/invites/{invite}/cancel/", (OWNER,)),
            ("get", "/workspace/northern/audit/", (OWNER,)),
        ]

    def _as(self, user: User | None, method: str, path: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return getattr(self.client, method)(path).status_code

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        for method, path, _ in self.addresses:
            with self.subTest(path=path):
                response = getattr(self.client, method)(path)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_it_checks_organisation(self) -> None:
        for user in (self.other_owner, self.stranger):
            for method, path, _ in self.addresses:
                with self.subTest(user=user.username, path=path):
                    self.assertEqual(self._as(user, method, path), 404)

    def test_it_checks_role(self) -> None:
        people = {OWNER: self.owner, ORGANISER: self.organiser, MODERATOR: self.moderator}
        for role, user in people.items():
            for method, path, allowed in self.addresses:
                with self.subTest(role=role, path=path):
                    status = self._as(user, method, path)
                    if role in allowed:
                        self.assertNotEqual(status, 404)
                        self.assertLess(status, 500)
                    else:
                        self.assertEqual(status, 404)

    def test_a_moderator_cannot_download_emails(self) -> None:
        self.client.force_login(self.moderator)
        page = self.client.get("/workspace/northern/letters/solidarity/export/")
        self.assertContains(page, "Public list as CSV")
        self.assertNotContains(page, "private.csv")
        response = self.client.get("/workspace/northern/letters/solidarity/export/private.csv")
        self.assertEqual(response.status_code, 404)

    def test_a_moderator_cannot_change_the_text(self) -> None:
        self.client.force_login(self.moderator)
        response = self.client.post(
            "/workspace/northern/letters/solidarity/edit/",
            {"title": "Hijacked", "body": "New text", "reason": "because", "action": "save"},
        )
        self.assertEqual(response.status_code, 404)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.title, "Solidarity with Sam")
        self.assertNotContains(self.client.get("/workspace/northern/letters/solidarity/"), "/edit/")

    def test_a_letter_of_another_organisation_is_not_found_under_ones_own(self) -> None:
        theirs = make_letter(self.other_org, slug="southern-letter")
        self.client.force_login(self.owner)
        for path in ("", "edit/", "moderation/", "export/private.csv", "statistics/"):
            with self.subTest(path=path):
                response = self.client.get(f"/workspace/northern/letters/{theirs.slug}/{path}")
                self.assertEqual(response.status_code, 404)
        response = self.client.post(f"/workspace/northern/letters/{theirs.slug}/close/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Letter.objects.get(pk=theirs.pk).status, "open")

    def test_a_signature_of_another_letter_is_not_found(self) -> None:
        other = make_letter(self.org, slug="other-letter")
        self.client.force_login(self.owner)
        response = self.client.post(
            f"/workspace/northern/letters/{other.slug}/signatures/{self.signature.pk}/remove/",
            {"reason": "spam"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Signature.objects.get(pk=self.signature.pk).status, "confirmed")

    def test_the_dashboard_lists_only_ones_own_organisations(self) -> None:
        make_letter(self.other_org, slug="southern-letter", title="Southern secret")
        self.client.force_login(self.organiser)
        page = self.client.get("/workspace/")
        self.assertContains(page, "Solidarity with Sam")
        self.assertNotContains(page, "Southern secret")
        self.client.force_login(self.stranger)
        page = self.client.get("/workspace/")
        self.assertContains(page, "no role in any organisation")
        self.assertNotContains(page, "Solidarity with Sam")
