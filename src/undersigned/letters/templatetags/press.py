from django import template
from django.utils.safestring import SafeString

from undersigned.letters import chart, press
from undersigned.letters.models import Letter

register = template.Library()


@register.simple_tag
def signatures_chart(letter: Letter) -> SafeString:
    """Signatures over time, from the log at its latest checkpoint."""
    log = press.log_for(letter)
    checkpoint = press.checkpoint_at(log) if log else None
    if log is None or checkpoint is None:
        return SafeString("")
    return chart.svg(press.snapshot(log, checkpoint).series, "letter-chart")
