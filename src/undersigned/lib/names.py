"""Names that look like abuse rather than a person: shared by whatever people put their
names to (letters, motions). A flag only asks a moderator to look; it refuses nothing."""

import re

from django.utils.translation import gettext_lazy

URL_NAME = "name-is-url"
DIGITS_NAME = "name-is-digits"
FORMULA_NAME = "name-starts-with-formula"

LABELS = {
    URL_NAME: gettext_lazy("Name looks like a web address"),
    DIGITS_NAME: gettext_lazy("Name is only digits"),
    FORMULA_NAME: gettext_lazy("Name starts with = + - or @ (spreadsheet formula)"),
}

_URL = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|org|net|info|io|ru|xyz|top|uk)\b)", re.I)
_DIGITS = re.compile(r"^[\d\s.,+()-]+$")


def name_flags(name: str) -> list[str]:
    name = name.strip()
    found = []
    if _URL.search(name):
        found.append(URL_NAME)
    if name and _DIGITS.match(name) and any(c.isdigit() for c in name):
        found.append(DIGITS_NAME)
    if name[:1] in ("=", "+", "-", "@"):
        found.append(FORMULA_NAME)
    return found
