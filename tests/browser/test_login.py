"""The organiser login page is accessible, before and after a failed attempt."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_login_page_is_accessible_and_announces_a_failed_attempt(page, site, axe, shoot):  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    axe(page, "the login page")
    page.get_by_label("Email address").fill("organiser@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert")).to_contain_text("correct email address and password")
    axe(page, "the login page with an error")
    shoot(page, "0-login-error")
