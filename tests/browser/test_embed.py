"""The embed fits its content, however long the title (issue 17, #6)."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.browser


def test_the_embed_preview_grows_to_show_its_button_with_a_long_title(page, site, look):  # type: ignore[no-untyped-def]
    site.letter.title = ("Reinstate our colleague Sam Okafor at once " * 4).strip()
    site.letter.save()
    log_in(page, "organiser@example.org")
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"/workspace/share/{site.letter.slug}/")
        frame_element = page.locator("iframe.embed-preview")
        frame = frame_element.content_frame
        button = frame.get_by_role("link", name="Sign this letter")
        button.wait_for()
        page.wait_for_function(
            "() => { const f = document.querySelector('iframe.embed-preview');"
            " const d = f.contentDocument; return d && Math.abs(f.getBoundingClientRect().height"
            " - d.documentElement.getBoundingClientRect().height) < 2; }"
        )
        box = frame_element.bounding_box()
        inner = button.bounding_box()
        assert inner["y"] + inner["height"] <= box["y"] + box["height"], size
    look(page, "embed-long-title-snippet")
    page.goto(f"/l/{site.letter.slug}/embed")
    look(page, "embed-long-title")
