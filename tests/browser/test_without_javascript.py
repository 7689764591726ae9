"""Scripts are a nicety: with JavaScript off the letter can still be signed."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_sign_form_works_with_javascript_turned_off(chromium, live_server, site, inbox):  # type: ignore[no-untyped-def]
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site.letter.get_absolute_url())
        page.get_by_label("Your name").fill("Rosalind Franklin")
        page.get_by_role("button", name="Sign", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("Enter your email address.")
        expect(page.get_by_label("Your name")).to_have_value("Rosalind Franklin")
        page.get_by_label("Your email address").fill("rosalind@example.org")
        page.get_by_label("I agree that my name").check()
        page.get_by_role("button", name="Sign", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
        page.goto(inbox.link("rosalind@example.org", "confirm"))
        page.get_by_role("button", name="Confirm my signature").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for signing")
    finally:
        context.close()
