"""Request types for views."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind login_required: its user is a person, never anonymous.
    (A type only: Django builds the request; login_required guarantees the user.)"""

    user: User
