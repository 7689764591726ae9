from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from undersigned.accounts.models import Role
from undersigned.lib.forms import AccessibleErrorsMixin


class AcceptInviteForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(
        max_length=200,
        label=gettext_lazy("Your name"),
        error_messages={"required": gettext_lazy("Enter your name.")},
    )
    password1 = forms.CharField(
        label=gettext_lazy("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 8 characters; not a common password."),
        error_messages={"required": gettext_lazy("Choose a password.")},
    )
    password2 = forms.CharField(
        label=gettext_lazy("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": gettext_lazy("Type the password again.")},
    )

    def __init__(self, email: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", gettext("The two passwords differ."))
        elif first:
            from django.contrib.auth.models import User

            probe = User(username=self.email, email=self.email, first_name=data.get("name", ""))
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class InviteForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(
        max_length=254,
        label=gettext_lazy("Email address"),
        error_messages={
            "required": gettext_lazy("Enter the email address to invite."),
            "invalid": gettext_lazy("Enter an email address like name@example.org."),
        },
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        initial=Role.ORGANISER,
        label=gettext_lazy("Role"),
        help_text=gettext_lazy(
            "Owners manage people; organisers run letters; moderators review signatures."
        ),
    )


class RoleForm(AccessibleErrorsMixin, forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=gettext_lazy("Role"))


class EmailLoginForm(AccessibleErrorsMixin, AuthenticationForm):
    """The login form as organisers know it: their email address, in any letter case."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct email address and password. The password is case-sensitive."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = _("Email address")
        field.widget.attrs.update({"autocomplete": "username", "inputmode": "email"})

    def clean_username(self) -> str:
        # Accounts are named by their email address as invited; match it whatever the case.
        typed = str(self.cleaned_data.get("username", "")).strip()
        found = User.objects.filter(username__iexact=typed).values_list("username", flat=True)
        names = list(found[:2])
        return names[0] if len(names) == 1 else typed
