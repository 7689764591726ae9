from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from undersigned.letters import chart, press
from undersigned.letters.models import Letter

register = template.Library()


@register.simple_tag
def signatures_chart(letter: Letter) -> SafeString:
    """Signatures over time, from the log at its latest checkpoint."""
    log = press.log_for(letter)
    checkpoint = press.checkpoint_at(log) if log else None
    series = press.snapshot(log, checkpoint).series if log and checkpoint else []
    if not series:
        return SafeString("")
    return format_html(
        "<h3>{}</h3>{}", _("Signatures over time"), chart.svg(series, "letter-chart")
    )
