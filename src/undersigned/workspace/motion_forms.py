"""Forms of the officers' pages: bodies, meetings, motions, amendments and votes."""

import unicodedata
from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from undersigned.accounts.models import Organisation
from undersigned.lib.forms import AccessibleErrorsMixin
from undersigned.motions.models import Body, Meeting, Motion, NamedVote


def _unprintable(value: str) -> bool:
    """NUL and other control characters (but line breaks and tabs), or lone surrogates."""
    return any(
        (unicodedata.category(c) == "Cc" and c not in "\n\r\t") or unicodedata.category(c) == "Cs"
        for c in value
    )


class TextMixin:
    """Refuse control characters, surrogates and NUL in every text field."""

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in list(data.items()):
            if isinstance(value, str) and _unprintable(value):
                self.add_error(name, _("This contains control characters; please retype it."))  # type: ignore[attr-defined]
        return data


class RulebookForm(AccessibleErrorsMixin, forms.Form):
    source = forms.CharField(
        label=_("Rulebook (TOML)"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        required=False,
        help_text=_("The format is described in docs/rulebooks.md. Or upload a file below."),
    )
    file = forms.FileField(label=_("Or upload a rulebook file"), required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > 512 * 1024:
                raise forms.ValidationError(_("A rulebook file may be at most 512 KB."))
            try:
                data["source"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        if not data.get("source", "").strip():
            raise forms.ValidationError(_("Paste the rulebook or choose a file."))
        return data


class BodyForm(TextMixin, AccessibleErrorsMixin, forms.ModelForm[Body]):
    class Meta:
        model = Body
        fields = ["name", "kind", "branch", "region"]
        labels = {
            "kind": _("Kind of body"),
            "branch": _("Branch (for a branch: its roster members are its members)"),
            "region": _("Region (for a regional body)"),
        }
        help_texts = {
            "kind": _(
                "As named in the rulebook: branch, district, regional_committee, "
                "national_executive, or a named committee."
            ),
        }

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["branch"].queryset = organisation.branches.all()  # type: ignore[attr-defined]
        self.fields["region"].queryset = organisation.regions.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        slug = slugify(data.get("name", ""))[:80]
        if not slug:
            self.add_error("name", _("Give the body a name with letters or digits."))
        elif Body.objects.filter(organisation=self.organisation, slug=slug).exists():
            self.add_error("name", _("There is a body with this name already."))
        if data.get("branch") and data.get("region"):
            self.add_error("region", _("Choose a branch or a region, not both."))
        self.instance.organisation = self.organisation
        self.instance.slug = slug
        return data


class OfficerForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(label=_("The officer's login email"))
    role = forms.ChoiceField(
        label=_("Office"), choices=[("chair", _("Chair")), ("secretary", _("Secretary"))]
    )


class MeetingForm(TextMixin, AccessibleErrorsMixin, forms.ModelForm[Meeting]):
    class Meta:
        model = Meeting
        fields = ["kind", "starts_at", "place", "online"]
        labels = {"starts_at": _("Starts at (UTC)"), "online": _("Online meeting")}
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class NoticeForm(AccessibleErrorsMixin, forms.Form):
    emails = forms.CharField(
        label=_("Members' email addresses, one a line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Only addresses of eligible members on the roster are sent the notice; "
            "the addresses are not kept once it has gone."
        ),
    )


class AttendanceForm(AccessibleErrorsMixin, forms.Form):
    members = forms.CharField(
        label=_("Present: email addresses or membership numbers, one a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    count = forms.IntegerField(
        label=_("Or the number present, where names were not taken"),
        min_value=0,
        max_value=1_000_000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not data.get("members", "").strip() and data.get("count") is None:
            raise forms.ValidationError(_("List who was present, or give the number present."))
        return data


class MotionForm(TextMixin, AccessibleErrorsMixin, forms.ModelForm[Motion]):
    class Meta:
        model = Motion
        fields = [
            "kind",
            "title",
            "text",
            "mover",
            "seconder",
            "received_at",
            "emergency",
            "rescinds",
        ]
        labels = {
            "received_at": _("Received by the secretary (UTC)"),
            "rescinds": _("The decision it rescinds (for a motion to rescind)"),
        }
        widgets = {"received_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rescinds"].queryset = Motion.objects.filter(  # type: ignore[attr-defined]
            meeting__body__organisation=meeting.body.organisation, voted_at__isnull=False
        )


class AmendmentForm(TextMixin, AccessibleErrorsMixin, forms.Form):
    summary = forms.CharField(label=_("What the amendment does"), max_length=300)
    text = forms.CharField(label=_("The motion's whole text as amended"), widget=forms.Textarea)
    mover = forms.CharField(label=_("Moved by"), max_length=200)


class CountForm(AccessibleErrorsMixin, forms.Form):
    votes_for = forms.IntegerField(label=_("For"), min_value=0, max_value=1_000_000)
    against = forms.IntegerField(label=_("Against"), min_value=0, max_value=1_000_000)
    abstain = forms.IntegerField(label=_("Abstained"), min_value=0, max_value=1_000_000)


class VoteForm(CountForm):
    present = forms.IntegerField(
        label=_("Present when the vote was taken"), min_value=0, max_value=1_000_000, required=False
    )
    roll_call = forms.CharField(
        label=_(
            "Or a roll call: one a line, “name, email or membership number, for|against|abstain”"
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("votes_for", "against", "abstain"):
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        lines: list[tuple[str, str, str]] = []
        for number, raw in enumerate(data.get("roll_call", "").splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [part.strip() for part in raw.split(",")]
            choices = {c.value for c in NamedVote.Choice}
            if len(parts) != 3 or not parts[0] or parts[2].lower() not in choices:
                self.add_error(
                    "roll_call",
                    _(
                        "Line %(line)d: write “name, email or membership number, "
                        "for|against|abstain”."
                    )
                    % {"line": number},
                )
                continue
            lines.append((parts[0], parts[1], parts[2].lower()))
        data["lines"] = lines
        counts = [data.get(name) for name in ("votes_for", "against", "abstain")]
        if not lines and any(count is None for count in counts):
            raise forms.ValidationError(
                _("Give the numbers for, against and abstaining, or a roll call.")
            )
        return data


class PollForm(AccessibleErrorsMixin, forms.Form):
    emails = forms.CharField(
        label=_("Members' email addresses, one a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "Eligible members among them are sent their one-time ballot link; the "
            "addresses are not kept once it has gone."
        ),
    )
    secret = forms.BooleanField(
        label=_("Secret ballot (cannot be changed once open)"), required=False
    )
    allow_change = forms.BooleanField(
        label=_("Voters may change their vote until it closes"), required=False
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at (UTC; leave empty to close by hand)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
