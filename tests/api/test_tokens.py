from tests.base import BaseTestCase
from undersigned.api.models import ApiToken, digest_of


class TokenPageTests(BaseTestCase):
    def test_it_needs_a_login(self) -> None:
        response = self.client.get("/workspace/tokens/")
        self.assertRedirects(response, "/accounts/login/?next=/workspace/tokens/")

    def test_an_organiser_creates_a_token_shown_once_and_stored_hashed(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.post(
            "/workspace/tokens/", {"name": "Newsroom", "organisation": self.org.pk}, follow=True
        )
        # Redirected after the POST, so reloading the page cannot make a second token.
        self.assertEqual(response.redirect_chain, [("/workspace/tokens/", 302)])
        secret = response.context["secret"]
        self.assertTrue(secret.startswith("us_"))
        self.assertContains(response, secret)
        self.assertContains(response, "it will not be shown again")
        token = ApiToken.objects.get()
        self.assertEqual(
            (token.user, token.organisation, token.name), (self.organiser, self.org, "Newsroom")
        )
        self.assertEqual(token.digest, digest_of(secret))
        self.assertNotIn(secret, str(ApiToken.objects.values().get()))
        listing = self.client.get("/workspace/tokens/")
        self.assertContains(listing, "Newsroom")
        self.assertNotContains(listing, secret)

    def test_it_refuses_an_organisation_that_is_not_theirs(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.post(
            "/workspace/tokens/", {"name": "Sneaky", "organisation": self.other_org.pk}
        )
        self.assertContains(response, "Choose one of your organisations.", status_code=400)
        self.assertFalse(ApiToken.objects.exists())

    def test_it_refuses_an_empty_name(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.post(
            "/workspace/tokens/", {"name": "  ", "organisation": self.org.pk}
        )
        self.assertContains(response, "Say what the token is for.", status_code=400)

    def test_a_moderator_cannot_create_tokens(self) -> None:
        self.client.force_login(self.moderator)
        self.assertContains(self.client.get("/workspace/tokens/"), "Only owners and organisers")
        response = self.client.post(
            "/workspace/tokens/", {"name": "Mine", "organisation": self.org.pk}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ApiToken.objects.exists())

    def test_the_person_revokes_their_token(self) -> None:
        token, _ = ApiToken.issue(self.organiser, self.org, "Old script")
        self.client.force_login(self.organiser)
        response = self.client.post(f"/workspace/tokens/{token.pk}/revoke/", follow=True)
        self.assertContains(response, "is revoked")
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)
        self.assertNotContains(self.client.get("/workspace/tokens/"), "Old script")

    def test_nobody_else_can_revoke_a_token(self) -> None:
        token, _ = ApiToken.issue(self.organiser, self.org, "Old script")
        self.client.force_login(self.owner)
        self.assertEqual(self.client.post(f"/workspace/tokens/{token.pk}/revoke/").status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)

    def test_revoking_needs_a_post(self) -> None:
        token, _ = ApiToken.issue(self.organiser, self.org, "Old script")
        self.client.force_login(self.organiser)
        self.assertEqual(self.client.get(f"/workspace/tokens/{token.pk}/revoke/").status_code, 405)

    def test_it_links_to_the_share_page_of_each_letter(self) -> None:
        self.client.force_login(self.organiser)
        self.assertContains(self.client.get("/workspace/tokens/"), "/workspace/share/solidarity/")
