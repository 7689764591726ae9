from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext as _

from undersigned.letters.models import Letter
from undersigned.letters.sharing import count_label, milestone

register = template.Library()


@register.inclusion_tag("letters/share/meta.html")
def share_meta(letter: Letter) -> dict[str, object]:
    """Open Graph and Twitter card tags, with absolute addresses as crawlers need."""
    url = letter.public_url
    return {
        "letter": letter,
        "url": url,
        # The round number in the address makes crawlers fetch the image again when it changes.
        "image_url": f"{url}share.png?m={milestone(letter.public_count)}",
        "description": (
            _("An open letter from members of %(organisation)s to %(addressee)s.")
            if letter.addressee
            else _("An open letter from members of %(organisation)s.")
        )
        % {"organisation": letter.organisation.name, "addressee": letter.addressee}
        + f" {count_label(letter.public_count)}.",
    }


@register.simple_tag
def share_links(letter: Letter) -> list[tuple[str, str]]:
    """Plain links that open each network's own share form (no script of theirs on our
    pages, and nothing is sent to them until the visitor follows a link)."""
    url = letter.public_url
    text = _("Sign this open letter: %(title)s") % {"title": letter.title}
    both = f"{text} {url}"
    return [
        (
            _("Email"),
            "mailto:?" + urlencode({"subject": letter.title, "body": both}, quote_via=quote),
        ),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": both})),
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": text})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": both})),
        ("Mastodon", "https://mastodonshare.com/?" + urlencode({"text": text, "url": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
    ]
