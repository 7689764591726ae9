"""Undersigned: self-hosted open letters with a verifiable count."""
