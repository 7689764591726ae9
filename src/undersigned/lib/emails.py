"""The one email normalisation: what is stored, digested, committed to in the log and
compared is always this form of an address."""

import unicodedata


def normalise_email(email: str) -> str:
    """NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", email).strip().lower()
