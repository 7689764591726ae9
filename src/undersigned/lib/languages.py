"""The shipped languages as the switcher names them: each in its own language (the names
in settings.LANGUAGES, untranslated; Django's own tag would translate them)."""

from django.conf import settings
from django.http import HttpRequest


def autonyms(request: HttpRequest) -> dict[str, list[tuple[str, str]]]:
    """Context processor: LANGUAGE_AUTONYMS, [(code, name in that language)]."""
    return {"LANGUAGE_AUTONYMS": list(settings.LANGUAGES)}


def from_environment() -> str:
    """The shipped language closest to the shell's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG:
    `cy_GB.UTF-8` gives `cy`), for commands that people run on their own machines; else the
    site's default."""
    import os

    from django.utils.translation import get_supported_language_variant, to_language

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(":")[0].split(".")[0]
        if value and value not in {"C", "POSIX"}:
            try:
                return get_supported_language_variant(to_language(value))
            except LookupError:
                continue
    return str(settings.LANGUAGE_CODE)
