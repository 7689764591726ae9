from django import template

from undersigned.letters.models import Letter
from undersigned.letters.sharing import count_label, milestone

register = template.Library()


@register.inclusion_tag("letters/share/meta.html")
def share_meta(letter: Letter) -> dict[str, object]:
    """Open Graph and Twitter card tags, with absolute addresses as crawlers need."""
    url = letter.public_url
    addressee = f" to {letter.addressee}" if letter.addressee else ""
    return {
        "letter": letter,
        "url": url,
        # The round number in the address makes crawlers fetch the image again when it changes.
        "image_url": f"{url}share.png?m={milestone(letter.public_count)}",
        "description": f"An open letter from members of {letter.organisation.name}{addressee}. "
        f"{count_label(letter.public_count)}.",
    }
