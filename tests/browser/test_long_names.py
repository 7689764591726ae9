"""Long unbroken names, roles and titles wrap everywhere (issue 17, #2)."""

import pytest

from tests.browser.conftest import PHONE
from undersigned.letters import services

pytestmark = pytest.mark.browser

LONG = "Bartholomew" * 15  # 165 characters, no space


def sideways(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


def test_a_long_name_role_and_title_wrap_on_every_page(page, site, look):  # type: ignore[no-untyped-def]
    site.letter.title = "Reinstate" * 20
    site.letter.save()
    signature = services.sign(site.letter, name=LONG, email="long@example.org", role=LONG)
    assert signature is not None
    services.confirm(signature.uid)
    for path, name in (
        (site.letter.get_absolute_url(), "long-name-letter"),
        (f"/l/{site.letter.slug}/print/", "long-name-print"),
        (f"/l/{site.letter.slug}/embed", "long-name-embed"),
    ):
        page.set_viewport_size(PHONE)
        page.goto(path)
        assert sideways(page) <= PHONE["width"], path
        page.emulate_media(media="print")
        assert sideways(page) <= PHONE["width"], f"{path} in print"
        page.emulate_media(media="screen")
        look(page, name)
