"""The one email normalisation: what is stored, digested, committed to in the log and
compared is always this form of an address."""

import unicodedata

from disposable_email_domains import blocklist


def normalise_email(email: str) -> str:
    """NFC, trimmed, lower case."""
    return unicodedata.normalize("NFC", email).strip().lower()


def is_disposable(email: str) -> bool:
    """An address at a throwaway-mail domain (the disposable-email-domains list)."""
    domain = email.rpartition("@")[2].lower().strip()
    return bool(domain) and domain in blocklist
