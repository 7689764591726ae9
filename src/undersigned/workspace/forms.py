import zoneinfo
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from undersigned.accounts import logos
from undersigned.accounts.models import Branch, Organisation, Region
from undersigned.letters.forms import SignatoryForm, clean_text
from undersigned.letters.models import Letter
from undersigned.letters.services import REMOVAL_LABELS, RemovalReason
from undersigned.lib.forms import AccessibleErrorsMixin
from undersigned.members.forms import InvitedForm
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


class TextField(forms.CharField):
    """Text from a <textarea>: browsers send CRLF line ends; the stored text has LF, so an
    untouched text is not taken for a changed one (and a new version)."""

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if isinstance(text, str) else text

    def has_changed(self, initial: Any, data: Any) -> bool:
        # Compared as the form would store them (trimmed, LF), whatever wrote the initial.
        return bool(self.to_python(initial or "") != self.to_python(data or ""))


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
            "goal",
            "publish_at",
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
            "goal": gettext_lazy("Goal (optional)"),
            "publish_at": gettext_lazy("Publish automatically at (UTC, optional)"),
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
            "goal": gettext_lazy("A number of signatures to aim for, shown with a progress bar."),
            "publish_at": gettext_lazy(
                "The draft opens by itself at this time. Leave empty to publish by hand."
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
            "publish_at": {"invalid": gettext_lazy("Enter a date and time like 2030-05-01 18:00.")},
            "goal": {"invalid": gettext_lazy("Enter a whole number, like 1000.")},
        }
        field_classes = {"organisers": StaffChoiceField, "body": TextField}
        widgets = {
            "closes_at": DateTimeLocalInput(),
            "publish_at": DateTimeLocalInput(),
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
        zone = organisation.time_zone
        self.fields["closes_at"].label = _("Closing date and time (%(zone)s, optional)") % {
            "zone": zone
        }
        self.fields["publish_at"].label = _("Publish automatically at (%(zone)s, optional)") % {
            "zone": zone
        }
        motion = self.fields["in_response_to"]
        assert isinstance(motion, forms.ModelChoiceField)
        motion.queryset = Motion.objects.filter(
            meeting__body__organisation=organisation, published=True
        ).order_by("-meeting__starts_at")
        if self.published:
            del self.fields["slug"], self.fields["publish_at"]
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

    def clean_publish_at(self) -> Any:
        publish_at = self.cleaned_data.get("publish_at")
        if publish_at and "publish_at" in self.changed_data and publish_at <= timezone.now():
            raise ValidationError(_("Choose a publishing time in the future."))
        return publish_at

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

    def __init__(self, *args: Any, zone: str = "UTC", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closes_at"].label = _("New closing date and time (%(zone)s, optional)") % {
            "zone": zone
        }

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


class UpdateForm(AccessibleErrorsMixin, forms.Form):
    """News for the signers who asked for updates."""

    subject = forms.CharField(
        max_length=150,
        label=_("Subject"),
        error_messages={"required": _("Enter a subject.")},
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        label=_("Message"),
        help_text=_(
            "Plain text. Each email ends with a link to the letter and one to stop updates."
        ),
        error_messages={"required": _("Write the message.")},
    )

    def clean_subject(self) -> str:
        return clean_text(self.cleaned_data["subject"], gettext("subject"))


class ResponseForm(AccessibleErrorsMixin, forms.ModelForm[Letter]):
    """The addressee's reply, shown on the letter's page and the press page."""

    class Meta:
        model = Letter
        fields = ["response", "response_date"]
        labels = {
            "response": _("The addressee's response"),
            "response_date": _("Date of the response (optional)"),
        }
        help_texts = {
            "response": _("Plain text, shown on the letter's page. Leave empty to show none.")
        }
        error_messages = {"response_date": {"invalid": _("Enter a date like 2030-05-01.")}}
        widgets = {
            "response": forms.Textarea(attrs={"rows": 6}),
            "response_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


class OrganisationForm(AccessibleErrorsMixin, forms.ModelForm[Organisation]):
    """An owner's settings for their organisation."""

    logo = forms.FileField(
        required=False,
        label=_("Logo (optional)"),
        help_text=_(
            "PNG, JPEG, GIF or WebP, up to 1 MB. Shown beside the name, at most 256 pixels."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    remove_logo = forms.BooleanField(required=False, label=_("Remove the logo"))

    class Meta:
        model = Organisation
        fields = [
            "name",
            "contact_email",
            "accent_colour",
            "time_zone",
            "allow_number_postcode",
            "show_branch_share",
        ]
        labels = {
            "name": _("Name"),
            "contact_email": _("Contact email (optional)"),
            "accent_colour": _("Accent colour"),
            "time_zone": _("Time zone"),
            "allow_number_postcode": _(
                "Members may prove membership with their membership number and postcode"
            ),
            "show_branch_share": _("Show what share of each branch has signed members' letters"),
        }
        help_texts = {
            "contact_email": _("Given to people who could not be matched to the roster."),
            "accent_colour": _(
                "Used for the top bar, buttons and links; darkened where needed to stay readable."
            ),
            "allow_number_postcode": _("For members whose email address the roster does not have."),
            "time_zone": _("Closing and publishing times are entered and shown in this zone."),
        }
        error_messages = {
            "name": {"required": _("Enter the organisation's name.")},
            "contact_email": {"invalid": _("Enter an email address like name@example.org.")},
        }
        widgets = {
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
            "time_zone": forms.Select(choices=[(zone, zone) for zone in TIME_ZONES]),
        }

    def clean_time_zone(self) -> str:
        zone = str(self.cleaned_data["time_zone"])
        if zone not in TIME_ZONES:
            raise ValidationError(_("Choose a time zone from the list."))
        return zone

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data["name"], gettext("name"))

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        return logos.to_png(upload) if upload else None


class InviteForm(InvitedForm):
    send = forms.BooleanField(
        required=False,
        initial=True,
        label=_(
            "Email each address an invitation to sign (now if the letter is open, otherwise "
            "when it is published)"
        ),
    )
