"""The first screen: on a phone the count and the way to sign; on a desktop the form."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def on_first_screen(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    box = page.locator(selector).bounding_box()
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= page.viewport_size["height"]
    )


def test_a_phone_shows_the_count_and_the_sign_button_without_scrolling(page, site):  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    page.goto(site.letter.get_absolute_url())
    assert on_first_screen(page, "[data-live-count]")
    assert on_first_screen(page, "a[href='#sign']")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"


def test_a_desktop_shows_the_count_and_the_sign_form_without_scrolling(page, site):  # type: ignore[no-untyped-def]
    page.set_viewport_size(DESKTOP)
    page.goto(site.letter.get_absolute_url())
    assert on_first_screen(page, "[data-live-count]")
    assert on_first_screen(page, "#id_name")
    assert on_first_screen(page, "#id_email")


def test_a_light_accent_colour_still_gives_readable_links_and_buttons(page, site, axe):  # type: ignore[no-untyped-def]
    site.org.accent_colour = "#f5c518"  # a bright yellow, unreadable as text on white
    site.org.save()
    page.goto(site.letter.get_absolute_url())
    axe(page, "the letter page in yellow")
    button = page.get_by_role("button", name="Sign", exact=True)
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") != "rgb(245, 197, 24)"
