"""What the members app announces, so that higher apps can act without it knowing them
(as Django's auth announces logins)."""

from django.dispatch import Signal

# Sent inside the import's transaction after a roster import changed who is active, with
# `organisation`: whatever holds roster entries (a letter's signatures) updates its marks.
roster_changed = Signal()
