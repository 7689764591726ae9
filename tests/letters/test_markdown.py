from html.parser import HTMLParser

from tests.base import BaseTestCase, make_letter
from undersigned.letters.markdown import render_markdown


class Elements(HTMLParser):
    """Every element and attribute in a piece of HTML, as a browser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def assert_harmless(self) -> None:
        assert "script" not in self.tags, self.tags
        assert "img" not in self.tags, self.tags
        for name, value in self.attributes:
            assert not name.startswith("on"), name
            assert not value.strip().lower().startswith(("javascript:", "data:")), value


HOSTILE = """# Title

<script>alert('x')</script>

[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)

<img src=x onerror="alert(2)">

<a href="https://example.org" onclick="steal()">link</a>

[angle](<javascript:alert(3)>) and <javascript:alert(4)> and [ok](HTTPS://EXAMPLE.ORG)

Plain **bold** and a [good link](https://example.org/page).
"""


class SanitisationTests(BaseTestCase):
    def test_scripts_javascript_links_and_event_handlers_do_not_survive(self) -> None:
        html = render_markdown(HOSTILE)
        Elements(html).assert_harmless()
        self.assertIn("<strong>bold</strong>", html)
        self.assertIn('href="https://example.org/page"', html)

    def test_the_public_page_renders_the_sanitised_text(self) -> None:
        make_letter(self.org, slug="hostile", body=HOSTILE)
        response = self.client.get("/l/hostile/")
        body = response.content.decode()
        article = body[body.index('class="letter-body"') : body.index("</article>")]
        Elements(article).assert_harmless()
        self.assertIn("<strong>bold</strong>", article)

    def test_pages_send_a_content_security_policy_without_inline_scripts(self) -> None:
        response = self.client.get(f"/l/{self.letter.slug}/")
        policy = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self' 'nonce-", policy)
        self.assertNotIn("unsafe-inline", policy)

    def test_the_sanitiser_strips_dangerous_html_that_reaches_it(self) -> None:
        # Defence in depth: even if the Markdown stage let raw HTML through, nh3 removes it.
        import nh3

        from undersigned.letters import markdown

        html = nh3.clean(
            '<a href="javascript:x()" onclick="y()">a</a><script>z()</script>'
            '<p onmouseover="w()">p</p>',
            tags=markdown.ALLOWED_TAGS,
            attributes=markdown.ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
        )
        Elements(html).assert_harmless()
        self.assertNotIn("z()", html)
