import functools
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from undersigned.accounts.models import Branch, Region
from undersigned.letters.models import Letter, Signature
from undersigned.lib import names
from undersigned.lib.forms import AccessibleErrorsMixin
from undersigned.members import digests, eligibility

# Bidirectional overrides can make a name display as something else entirely.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(value: str, label: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(c) in ("Cc", "Cs") or c in _BIDI_CONTROLS for c in value):
        raise ValidationError(
            _("Your %(label)s contains control characters; please retype it.") % {"label": label}
        )
    return value


class SignatoryForm(AccessibleErrorsMixin, forms.Form):
    """Who signs: the fields and rules shared by every way of adding a signature (the sign
    form, the API and an organiser's initial signatories)."""

    name = forms.CharField(
        max_length=200,
        label=gettext_lazy("Your name"),
        error_messages={"required": gettext_lazy("Enter your name.")},
    )
    email = forms.EmailField(
        max_length=254,
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("Never shown. We send you a link to confirm."),
        error_messages={
            "required": gettext_lazy("Enter your email address."),
            "invalid": gettext_lazy("Enter an email address like name@example.org."),
        },
    )
    role = forms.CharField(
        max_length=200, required=False, label=gettext_lazy("Role or affiliation (optional)")
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(),
        required=False,
        label=gettext_lazy("Branch (optional)"),
        empty_label=gettext_lazy("— Not given —"),
        error_messages={"invalid_choice": gettext_lazy("Choose a branch from the list.")},
    )

    def __init__(self, letter: Letter, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.letter = letter
        if not self.asks_branch(letter):
            del self.fields["branch"]
            return
        branch_field = self.fields["branch"]
        assert isinstance(branch_field, forms.ModelChoiceField)
        branch_field.queryset = Branch.objects.filter(
            organisation_id=letter.organisation_id
        ).select_related("region")
        # A callable: read only when the field is drawn (validating a choice is one query
        # for that branch), and never where the letter does not ask for a branch.
        branch_field.choices = functools.partial(
            grouped_branches, branch_field.queryset, str(_("— Not given —"))
        )

    def asks_branch(self, letter: Letter) -> bool:
        """Whether the signer says which branch they are in (else the field goes)."""
        return True

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data["name"], str(_("name")))
        if not name:
            raise ValidationError(self.fields["name"].error_messages["required"])
        if not names.has_visible(name):
            raise ValidationError(
                _("Your name needs letters that can be seen; please type it again.")
            )
        return name

    def clean_role(self) -> str:
        return clean_text(self.cleaned_data.get("role", ""), str(_("role")))


class SignForm(SignatoryForm):
    display = forms.ChoiceField(
        choices=Signature.Display.choices,
        initial="full",
        widget=forms.RadioSelect,
        label=gettext_lazy("How your signature shows"),
    )
    wants_updates = forms.BooleanField(
        required=False,
        label=_(
            "Email me the organisers' updates about this letter (a few at most; every one "
            "has a link to stop them)"
        ),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that my name (and role and branch, if given) will be shown publicly "
            "on this letter as I chose above, and that my email is kept only to confirm "
            "my signature and let me withdraw it."
        ),
        error_messages={"required": gettext_lazy("Tick the box to agree to what will be public.")},
    )

    def __init__(self, letter: Letter, *args: Any, **kwargs: Any) -> None:
        super().__init__(letter, *args, **kwargs)
        if not letter.ask_role:
            del self.fields["role"]
        self._add_member_fields(letter)

    def asks_branch(self, letter: Letter) -> bool:
        # Members' letters take the branch from the roster, not the form.
        return letter.ask_branch and not _members_only(letter)

    def _add_member_fields(self, letter: Letter) -> None:
        """Where the organisation allows it, members may prove membership by number and
        postcode."""
        if _members_only(letter):
            self.fields["consent"].label = _(
                "I agree that my name (and role, if given, and my branch as the membership "
                "roster records it) will be shown publicly on this letter as I chose above, "
                "and that my email is kept only to confirm my signature and let me withdraw it."
            )
        if not eligibility.offers_number_route(letter.audience()):
            return
        self.fields["membership_number"] = forms.CharField(
            max_length=64,
            required=False,
            label=_("Membership number (optional)"),
            help_text=_(
                "If the organisation may not have this email address, give your "
                "membership number and postcode instead. We still send the confirmation to "
                "the email address above."
            ),
        )
        self.fields["postcode"] = forms.CharField(
            max_length=16, required=False, label=_("Postcode (with your membership number)")
        )
        # Keep consent last, after the optional membership fields.
        self.fields["consent"] = self.fields.pop("consent")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number, postcode = data.get("membership_number", ""), data.get("postcode", "")
        if number and not postcode:
            self.add_error("postcode", _("Enter your postcode to go with your membership number."))
        elif number and not digests.is_full_postcode(postcode):
            self.add_error("postcode", _("Enter your full postcode, like NE1 4ST."))
        if postcode and not number:
            self.add_error("membership_number", _("Enter your membership number."))
        return data


def _members_only(letter: Letter) -> bool:
    return letter.eligibility in (Letter.Eligibility.MEMBERS, Letter.Eligibility.GROUPS)


def grouped_branches(queryset: "QuerySet[Branch]", empty: str) -> list[Any]:
    """Branch choices grouped by region (an <optgroup> each), for a select."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for branch in queryset.select_related("region").order_by("region__name", "name"):
        groups.setdefault(branch.region.name, []).append((branch.pk, branch.name))
    return [("", empty), *groups.items()]


class SignatorySearchForm(forms.Form):
    """Finding people on a letter's public list (GET): by name, region or branch."""

    q = forms.CharField(max_length=100, required=False, label=_("Name"))
    region = forms.ModelChoiceField(
        queryset=Region.objects.none(), required=False, label=_("Region"), empty_label=_("All")
    )
    branch = forms.ModelChoiceField(
        queryset=Branch.objects.none(), required=False, label=_("Branch")
    )

    def __init__(self, letter: Letter, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region, branch = self.fields["region"], self.fields["branch"]
        assert isinstance(region, forms.ModelChoiceField)
        assert isinstance(branch, forms.ModelChoiceField)
        region.queryset = Region.objects.filter(organisation_id=letter.organisation_id)
        branch.queryset = Branch.objects.filter(organisation_id=letter.organisation_id)
        branch.choices = grouped_branches(branch.queryset, str(_("All")))

    def filters(self) -> dict[str, Any]:
        """The filters to apply: those given and valid (a bad value is ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        found: dict[str, Any] = {}
        if name := (data.get("q") or "").strip():
            found["name"] = name
        if data.get("region"):
            found["region_id"] = data["region"].pk
        if data.get("branch"):
            found["branch_id"] = data["branch"].pk
        return found


class DisplayForm(AccessibleErrorsMixin, forms.Form):
    display = forms.ChoiceField(
        choices=Signature.Display.choices,
        widget=forms.RadioSelect,
        label=_("How your signature shows"),
        error_messages={"required": _("Choose how your signature shows.")},
    )
