"""The one normalisation of an email address, shared by the site (which commits to it in
each sign entry) and the verifier (which recomputes that commitment from a receipt)."""


def normalise_email(email: str) -> str:
    return email.strip().lower()
