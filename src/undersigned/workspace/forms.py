from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from undersigned.accounts.models import Branch, Organisation, Region
from undersigned.letters.forms import SignatoryForm, clean_text
from undersigned.letters.models import Letter
from undersigned.letters.services import REMOVAL_LABELS, RemovalReason
from undersigned.lib.forms import AccessibleErrorsMixin
from undersigned.motions.models import Motion


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def free_slug(title: str, exclude: int | None = None) -> str:
    """A slug from the title that no other letter uses (slugs are site-wide)."""
    base = slugify(title)[:70] or "letter"
    slug, n = base, 1
    others = Letter.objects.exclude(pk=exclude) if exclude else Letter.objects.all()
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class StaffChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class LetterForm(AccessibleErrorsMixin, forms.ModelForm[Letter]):
    """Create or edit a letter. After publication the slug is fixed, and a change to the
    title or text needs a reason (it becomes a new version)."""

    reason = forms.CharField(
        max_length=300,
        required=False,
        label=gettext_lazy("Reason for changing the text"),
        help_text=gettext_lazy(
            "Shown on the public changes page. Needed when you change the title or text."
        ),
    )
    notify = forms.BooleanField(
        required=False, label=gettext_lazy("Email everyone who has signed about this change")
    )
    field_order = ["title", "slug", "addressee", "body", "reason", "notify"]

    class Meta:
        model = Letter
        fields = [
            "title",
            "slug",
            "addressee",
            "body",
            "closes_at",
            "ask_role",
            "ask_branch",
            "eligibility",
            "eligible_regions",
            "eligible_branches",
            "organisers",
            "in_response_to",
        ]
        labels = {
            "eligibility": gettext_lazy("Who may sign"),
            "in_response_to": gettext_lazy("In response to a motion"),
            "eligible_regions": gettext_lazy("Regions whose members may sign"),
            "eligible_branches": gettext_lazy("Branches whose members may sign"),
            "title": gettext_lazy("Title"),
            "slug": gettext_lazy("Web address"),
            "addressee": gettext_lazy("Addressed to"),
            "body": gettext_lazy("Text of the letter"),
            "closes_at": gettext_lazy("Closing date and time (UTC, optional)"),
            "ask_role": gettext_lazy("Ask signers for their role"),
            "ask_branch": gettext_lazy("Ask signers for their branch"),
            "organisers": gettext_lazy("Co-organisers"),
        }
        help_texts = {
            "slug": gettext_lazy(
                "The letter's address: /l/<this>/. Leave empty to make one from the title."
            ),
            "body": gettext_lazy(
                "Markdown: **bold**, *italic*, lists with - and links like [text](https://…)."
            ),
            "organisers": gettext_lazy(
                "Shown on the letter as its organisers; they get milestone emails."
            ),
            "eligibility": gettext_lazy(
                "Members are recognised by their email on the roster (or membership "
                "number and postcode, where the organisation allows it). For an invited list, "
                "upload the addresses from the letter's overview."
            ),
            "eligible_regions": gettext_lazy(
                "Only when members of selected regions or branches may sign."
            ),
            "eligible_branches": gettext_lazy(
                "Only when members of selected regions or branches may sign."
            ),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Enter a title.")},
            "body": {"required": gettext_lazy("Enter the text of the letter.")},
            "closes_at": {"invalid": gettext_lazy("Enter a date and time like 2030-05-01 18:00.")},
        }
        field_classes = {"organisers": StaffChoiceField}
        widgets = {
            "closes_at": DateTimeLocalInput(),
            "body": forms.Textarea(attrs={"rows": 16}),
            "eligibility": forms.RadioSelect,
            "eligible_regions": forms.CheckboxSelectMultiple,
            "eligible_branches": forms.CheckboxSelectMultiple,
        }

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["slug"].required = False
        organisers = self.fields["organisers"]
        assert isinstance(organisers, forms.ModelMultipleChoiceField)
        organisers.queryset = User.objects.filter(
            roles__organisation=organisation, roles__role__in=["owner", "organiser"]
        ).order_by("first_name", "username")
        self.fields["eligibility"].required = False
        for name, model in (("eligible_regions", Region), ("eligible_branches", Branch)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = model.objects.filter(organisation=organisation)
        motion = self.fields["in_response_to"]
        assert isinstance(motion, forms.ModelChoiceField)
        motion.queryset = Motion.objects.filter(
            meeting__body__organisation=organisation, published=True
        ).order_by("-meeting__starts_at")
        if self.published:
            del self.fields["slug"]
        else:
            del self.fields["reason"], self.fields["notify"]

    @property
    def published(self) -> bool:
        return self.instance.pk is not None and self.instance.status != Letter.Status.DRAFT

    @property
    def text_changed(self) -> bool:
        return self.published and bool({"title", "body"} & set(self.changed_data))

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"], "title")

    def clean_eligibility(self) -> str:
        # Optional in the form: a letter keeps its setting (anyone, for a new one).
        return str(self.cleaned_data.get("eligibility") or self.instance.eligibility)

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data.get("slug", ""))
        if not slug:
            return free_slug(self.data.get("title", ""), exclude=self.instance.pk)
        others = Letter.objects.exclude(pk=self.instance.pk) if self.instance.pk else Letter.objects
        if others.filter(slug=slug).exists():
            raise ValidationError(
                gettext("Another letter uses this address already; choose another.")
            )
        return slug

    def clean_closes_at(self) -> Any:
        closes_at = self.cleaned_data.get("closes_at")
        if closes_at and "closes_at" in self.changed_data and closes_at <= timezone.now():
            raise ValidationError(gettext("Choose a closing date in the future."))
        return closes_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.text_changed and not data.get("reason", "").strip():
            self.add_error(
                "reason", gettext("Say briefly why the text changed; signers will see it.")
            )
        groups = data.get("eligible_regions") or data.get("eligible_branches")
        if data.get("eligibility") == Letter.Eligibility.GROUPS and not groups:
            self.add_error("eligible_regions", gettext("Choose at least one region or branch."))
        return data


class ReopenForm(AccessibleErrorsMixin, forms.Form):
    closes_at = forms.DateTimeField(
        required=False,
        label=gettext_lazy("New closing date and time (UTC, optional)"),
        widget=DateTimeLocalInput(),
        error_messages={"invalid": gettext_lazy("Enter a date and time like 2030-05-01 18:00.")},
    )

    def clean_closes_at(self) -> Any:
        closes_at = self.cleaned_data.get("closes_at")
        if closes_at and closes_at <= timezone.now():
            raise ValidationError(gettext("Choose a closing date in the future."))
        return closes_at


class InitialSignatoryForm(SignatoryForm):
    """An organiser adds a named supporter, who still confirms by email."""

    def __init__(self, letter: Letter, *args: Any, **kwargs: Any) -> None:
        super().__init__(letter, *args, **kwargs)
        name, email = self.fields["name"], self.fields["email"]
        name.label = gettext_lazy("Name")
        name.error_messages["required"] = gettext_lazy("Enter a name.")
        email.label = gettext_lazy("Email address")
        email.help_text = gettext_lazy(
            "They get a link to confirm; nobody is listed without confirming."
        )
        email.error_messages["required"] = gettext_lazy("Enter their email address.")


class RemoveForm(AccessibleErrorsMixin, forms.Form):
    reason = forms.ChoiceField(
        choices=[(code.value, label) for code, label in REMOVAL_LABELS.items()],
        widget=forms.RadioSelect,
        label=gettext_lazy("Reason"),
        error_messages={"required": gettext_lazy("Choose a reason.")},
    )
    note = forms.CharField(
        max_length=500,
        required=False,
        label=gettext_lazy("Note (optional, not public)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("reason") == RemovalReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", gettext("Say why, when the reason is 'Other'."))
        return data
