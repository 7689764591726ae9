"""Who may sign a letter, and who has, by region and branch."""

from django import template

from undersigned.letters import breakdown
from undersigned.letters.models import Letter
from undersigned.members import eligibility

register = template.Library()


@register.simple_tag
def verified_breakdown(letter: Letter) -> breakdown.Breakdown:
    return breakdown.verified_breakdown(letter)


@register.simple_tag
def open_to(letter: Letter) -> str:
    return eligibility.open_to(letter.audience())
