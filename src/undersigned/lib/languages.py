"""The shipped languages as the switcher names them: each in its own language (the names
in settings.LANGUAGES, untranslated; Django's own tag would translate them)."""

from django.conf import settings
from django.http import HttpRequest


def autonyms(request: HttpRequest) -> dict[str, list[tuple[str, str]]]:
    """Context processor: LANGUAGE_AUTONYMS, [(code, name in that language)]."""
    return {"LANGUAGE_AUTONYMS": list(settings.LANGUAGES)}
