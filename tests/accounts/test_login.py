from tests.base import BaseTestCase


class LoginTests(BaseTestCase):
    def login(self, password: str) -> object:
        return self.client.post(
            "/accounts/login/", {"username": "organiser@example.org", "password": password}
        )

    def test_the_page_is_styled_like_the_site(self) -> None:
        page = self.client.get("/accounts/login/")
        self.assertContains(page, "Organiser login")
        self.assertContains(page, "/static/undersigned/site.css")
        self.assertContains(page, "Forgotten your password?")
        stylesheet = self.client.get("/static/undersigned/site.css")
        self.assertEqual(stylesheet.status_code, 200)

    def test_a_wrong_password_says_so(self) -> None:
        response = self.login("wrong")
        self.assertContains(response, "Please enter a correct email address and password")

    def test_the_field_asks_for_an_email_address_in_any_case(self) -> None:
        self.assertContains(self.client.get("/accounts/login/"), ">Email address</label>")
        response = self.client.post(
            "/accounts/login/",
            {"username": "  Organiser@Example.ORG ", "password": "password-for-tests"},
        )
        self.assertRedirects(response, "/workspace/")

    def test_repeated_failures_are_throttled_with_a_clear_message(self) -> None:
        for _ in range(5):
            self.login("wrong")
        response = self.login("password-for-tests")
        self.assertContains(response, "Too many failed login attempts", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_password_is_hashed_with_argon2_in_production(self) -> None:
        from undersigned import settings

        self.assertEqual(
            settings.PASSWORD_HASHERS[0], "django.contrib.auth.hashers.Argon2PasswordHasher"
        )

    def test_logging_out_ends_the_session(self) -> None:
        self.client.force_login(self.organiser)
        self.client.post("/accounts/logout/")
        response = self.client.get("/workspace/")
        self.assertRedirects(response, "/accounts/login/?next=/workspace/")
