"""The front page lists open letters and leads to them."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_front_page_lists_the_open_letter_and_leads_to_it(page, site, axe, shoot):  # type: ignore[no-untyped-def]
    page.goto("/")
    axe(page, "the front page")
    shoot(page, "0-front-page")
    page.get_by_role("link", name="Reinstate Sam Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reinstate Sam Okafor")
