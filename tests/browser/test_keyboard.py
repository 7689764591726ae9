"""Path 5: the sign form works with the keyboard alone, and focus can always be seen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    id: el.id || el.getAttribute('href') || el.textContent.trim(),
    tag: el.tagName.toLowerCase(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def tab(page):  # type: ignore[no-untyped-def]
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_the_sign_form_can_be_filled_and_sent_with_tab_and_enter(page, site, inbox):  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    page.goto(site.letter.get_absolute_url())

    # The first Tab reaches the skip link; the page's own button leads to the form.
    first = tab(page)
    assert first["id"] == "#main" and first["outline"], first
    seen = [first]
    while seen[-1]["id"] != "#sign":
        seen.append(tab(page))
        assert len(seen) < 15, f"no 'Sign this letter' button near the top: {seen}"
    assert all(stop["outline"] for stop in seen), f"focus not visible on {seen}"
    page.keyboard.press("Enter")

    # From there, Tab walks the form in reading order, each stop visibly focused.
    order = []
    for _ in range(8):
        order.append(tab(page))
        if order[-1]["tag"] == "button":
            break
    assert [stop["id"] for stop in order] == [
        "id_name",
        "id_email",
        "id_role",
        "id_branch",
        "id_display_0",
        "id_wants_updates",
        "id_consent",
        "Sign",
    ], order
    assert all(stop["outline"] for stop in order), f"focus not visible on {order}"

    # Fill it in the same way: type, Tab, arrow keys for the list, Space for the box.
    page.keyboard.press("Shift+Tab")  # consent
    page.keyboard.press("Shift+Tab")  # updates
    page.keyboard.press("Shift+Tab")  # display
    page.keyboard.press("ArrowDown")  # "My name only"
    page.keyboard.press("Shift+Tab")  # branch
    page.keyboard.press("ArrowDown")
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    expect(page.get_by_label("Your name")).to_be_focused()
    page.keyboard.type("Katherine Johnson")
    page.keyboard.press("Tab")
    page.keyboard.type("katherine@example.org")
    for _ in range(5):
        page.keyboard.press("Tab")
    expect(page.get_by_label("I agree that my name")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert "Katherine Johnson" in inbox.last_to("katherine@example.org").get_payload()
    signature = site.letter.signatures.get()
    assert (signature.name, signature.display, signature.branch.name) == (
        "Katherine Johnson",
        "name",
        "Tyneside",
    )
