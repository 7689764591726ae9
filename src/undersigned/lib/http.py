"""Request types for views."""

from django.contrib.auth.models import User
from django.http import HttpRequest, QueryDict


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind login_required: its user is a person, never anonymous.
    (A type only: Django builds the request; login_required guarantees the user.)"""

    user: User


def posted(request: HttpRequest) -> QueryDict | None:
    """What to bind a form to: nothing on GET; a POST, even an empty one, is bound (so it
    is validated, not ignored)."""
    return request.POST if request.method == "POST" else None
