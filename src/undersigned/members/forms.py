from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from undersigned.accounts.models import Branch, Organisation, Region
from undersigned.lib.forms import AccessibleErrorsMixin


class RegionForm(AccessibleErrorsMixin, forms.ModelForm[Region]):
    class Meta:
        model = Region
        fields = ["code", "name"]
        labels = {"code": gettext_lazy("Code"), "name": gettext_lazy("Name")}

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        taken = Region.objects.filter(organisation=self.organisation, code__iexact=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(gettext("Another region already has this code."))
        return code


class BranchForm(AccessibleErrorsMixin, forms.ModelForm[Branch]):
    class Meta:
        model = Branch
        fields = ["region", "code", "name"]
        labels = {
            "region": gettext_lazy("Region"),
            "code": gettext_lazy("Code"),
            "name": gettext_lazy("Name"),
        }

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        region = self.fields["region"]
        assert isinstance(region, forms.ModelChoiceField)
        region.queryset = Region.objects.filter(organisation=organisation)

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        taken = Branch.objects.filter(organisation=self.organisation, code__iexact=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(gettext("Another branch already has this code."))
        return code


class CSVUploadForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8, with a header line; commas or semicolons."),
        error_messages={"required": gettext_lazy("Choose a CSV file to upload.")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.ROSTER_MAX_UPLOAD_BYTES:
            limit = settings.ROSTER_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise ValidationError(
                gettext("The file is too large: the limit is %(limit)s MB.") % {"limit": limit}
            )
        return upload


class RosterUploadForm(CSVUploadForm):
    dry_run = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "Dry run: check the file and show what would change, without changing anything"
        ),
    )
    confirm_lapse = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "Yes, mark the members missing from this file as lapsed, even if that is many of them"
        ),
    )

    def __init__(self, *args: Any, ask_lapse: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offered only once an upload was held back for lapsing many members.
        if not ask_lapse:
            del self.fields["confirm_lapse"]


class InvitedForm(AccessibleErrorsMixin, forms.Form):
    emails = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label=gettext_lazy("Invited email addresses"),
        help_text=gettext_lazy(
            "One a line. This replaces the letter's invited list. The addresses are "
            "kept only as keyed digests, enough to recognise them when someone signs."
        ),
    )
    file = forms.FileField(
        required=False,
        label=gettext_lazy("Or a text file of addresses"),
        help_text=gettext_lazy(
            "One a line, UTF-8, for long lists: the box above takes about 3,000 addresses "
            "(64 KB), a file up to 100000 addresses."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("emails") and not data.get("file"):
            raise ValidationError("Enter at least one email address, or choose a file.")
        return data
