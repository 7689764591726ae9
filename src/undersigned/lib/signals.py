"""Signals that cross apps of the same layer without either importing the other."""

from django.dispatch import Signal

# Sent with `instance` when something the public sees of it changed outside a model save
# (a motion's verdict recomputed): pages that show it (a letter in response) refresh.
public_change = Signal()
