"""The press page of the demo letter, as a reporter sees it: quotable figures, the chart,
the evidence bundle, and nothing that fails an accessibility check."""

import io
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from undersigned.letters.models import Letter

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_server: Any, settings: Any) -> Letter:
    settings.BASE_URL = live_server.url  # the permanent links point at the live server
    call_command("demo", "--force", stdout=io.StringIO())
    return Letter.objects.get()


def test_the_press_page_gives_figures_to_quote_and_the_evidence(page, demo, console, axe, shoot):  # type: ignore[no-untyped-def]
    page.goto(f"/l/{demo.slug}/")
    expect(page.get_by_role("img", name="Signatures over time")).to_be_visible()
    axe(page, "the letter page with its chart")
    page.get_by_role("link", name="For the press: figures to quote, with evidence").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("For the press")
    expect(page.locator("#headline")).to_contain_text(", 120 signatures; not yet cosigned")
    expect(page.get_by_role("img", name="Signatures over time")).to_be_visible()
    expect(page.locator("#no-response")).to_have_text("No response recorded.")
    axe(page, "the press page")
    shoot(page, "press")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the evidence bundle").click()
    assert download.value.suggested_filename == f"{demo.slug}-122-evidence.zip"
    page.get_by_role("link", name="http://").first.click()
    expect(page.get_by_role("heading", name="Snapshot at checkpoint 122")).to_be_visible()
    page.get_by_role("link", name="Check the count in your browser").click()
    expect(page.locator("#check-verdict")).to_have_class("verdict verdict-ok", timeout=30_000)
    axe(page, "the check page after a check")
    assert [e for e in console.errors if not e.endswith("/undersigned/witnesses")] == []
