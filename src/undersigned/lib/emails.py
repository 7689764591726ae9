"""Email addresses. The one normalisation (what is stored, digested, committed to in the log
and compared) lives in the standalone verifier, which must recompute commitments exactly."""

from disposable_email_domains import blocklist

from undersigned_verify.emails import normalise_email

__all__ = ["is_disposable", "normalise_email"]


def is_disposable(email: str) -> bool:
    """An address at a throwaway-mail domain (the disposable-email-domains list)."""
    domain = email.rpartition("@")[2].lower().strip()
    return bool(domain) and domain in blocklist
