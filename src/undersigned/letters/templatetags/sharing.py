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
