"""The one normalisation of an email address, shared by the site (which stores, digests and
commits to it in each sign entry) and the verifier (which recomputes that commitment from a
receipt)."""

import unicodedata


def normalise_email(email: str) -> str:
    """NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", email).strip().lower()
