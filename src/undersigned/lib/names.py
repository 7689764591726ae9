"""Names that look like abuse rather than a person: shared by whatever people put their
names to (letters, motions). A flag only asks a moderator to look; it refuses nothing."""

import re
import unicodedata

from django.utils.translation import gettext_lazy

URL_NAME = "name-is-url"
DIGITS_NAME = "name-is-digits"
FORMULA_NAME = "name-starts-with-formula"
STACKED_MARKS = "name-has-stacked-marks"
INVISIBLE_CHARACTERS = "name-has-invisible-characters"

LABELS = {
    URL_NAME: gettext_lazy("Name looks like a web address"),
    DIGITS_NAME: gettext_lazy("Name is only digits"),
    FORMULA_NAME: gettext_lazy("Name starts with = + - or @ (spreadsheet formula)"),
    STACKED_MARKS: gettext_lazy("Name has letters buried under stacked accents"),
    INVISIBLE_CHARACTERS: gettext_lazy("Name contains invisible characters"),
}

# A letter or digit in any script (\w without the underscore). Digits alone pass, to be
# flagged for review below (DIGITS_NAME), like every other name that looks like abuse.
_VISIBLE = re.compile(r"[^\W_]")
# More accents on one letter than any language writes (after NFC, Vietnamese needs two).
MAX_MARKS_PER_LETTER = 3
# Joiners that some scripts need (Persian, Indic); other format characters only hide things.
_JOINERS = {"\u200c", "\u200d"}


def has_visible(name: str) -> bool:
    """Whether a name has a letter or digit to show: zero-width spaces, marks and
    punctuation alone make a blank line on the page."""
    return _VISIBLE.search(name) is not None


def _stacked(name: str) -> bool:
    run = 0
    for char in unicodedata.normalize("NFC", name):
        run = run + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        if run > MAX_MARKS_PER_LETTER:
            return True
    return False


def _invisible(name: str) -> bool:
    return any(unicodedata.category(c) == "Cf" and c not in _JOINERS for c in name)


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
    if _stacked(name):
        found.append(STACKED_MARKS)
    if _invisible(name):
        found.append(INVISIBLE_CHARACTERS)
    return found
