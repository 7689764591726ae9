"""The language switcher is a plain form: it works with JavaScript off, and the choice stays."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_switcher_works_without_javascript(chromium, live_server, site):  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    page = context.new_page()
    try:
        page.goto(site.letter.get_absolute_url())
        expect(page.locator("html")).to_have_attribute("lang", "en-gb")
        page.get_by_role("button", name="Cymraeg").click()
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        expect(page).to_have_url(f"{live_server.url}{site.letter.get_absolute_url()}")
        expect(page.get_by_role("heading", name="Llofnodwch y llythyr hwn")).to_be_visible()
        page.goto("/")  # remembered on the next page
        expect(page.get_by_role("heading", level=1)).to_have_text("Llythyrau agored")
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en-gb")
        expect(page.get_by_role("heading", level=1)).to_have_text("Open letters")
    finally:
        context.close()
