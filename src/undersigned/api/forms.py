from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from undersigned.accounts.access import EDIT_LETTERS
from undersigned.accounts.models import Organisation
from undersigned.lib.forms import AccessibleErrorsMixin


class TokenForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(
        max_length=100,
        label=gettext_lazy("What the token is for"),
        help_text=gettext_lazy("For example “Newsroom dashboard”. Only you see this."),
        error_messages={"required": gettext_lazy("Say what the token is for.")},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label=None,
        label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("The token reads this organisation's letters only."),
        error_messages={"invalid_choice": gettext_lazy("Choose one of your organisations.")},
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            staff__user=user, staff__role__in=EDIT_LETTERS
        ).order_by("name")

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(gettext("Say what the token is for."))
        return name
