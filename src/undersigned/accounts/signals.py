"""What the accounts app announces, for higher apps to act on (it knows none of them)."""

from django.dispatch import Signal

# A person lost some or all of their powers in an organisation: removed from it, or moved to
# a role that may do less. Sent in the change's transaction with `user` and `organisation`.
role_reduced = Signal()
