"""A letter's text in the site's other languages: one form per language, each save a new
logged version of that language's text (letters/translations.py)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from undersigned.accounts import access
from undersigned.letters import translations
from undersigned.lib.forms import AccessibleErrorsMixin
from undersigned.lib.http import AuthenticatedRequest, posted
from undersigned.workspace.views.common import back, letter_for, status_of


class TranslationForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(
        max_length=200,
        label=gettext_lazy("Title"),
        error_messages={"required": gettext_lazy("Enter a title.")},
    )
    addressee = forms.CharField(max_length=300, required=False, label=gettext_lazy("Addressed to"))
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        label=gettext_lazy("Text of the letter"),
        help_text=gettext_lazy(
            "Markdown: **bold**, *italic*, lists with - and links like [text](https://…)."
        ),
        error_messages={"required": gettext_lazy("Enter the text of the letter.")},
    )


@login_required
def translate(
    request: AuthenticatedRequest, org_slug: str, slug: str, language: str
) -> HttpResponse:
    member, letter = letter_for(request, org_slug, slug, access.EDIT_LETTERS)
    names = dict(settings.LANGUAGES)
    if language not in names or language == translations.default_language():
        raise Http404
    current = translations.current(letter, language)
    initial = (
        {"title": current.title, "addressee": current.addressee, "body": current.body}
        if current
        else {}
    )
    form = TranslationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            translations.translate(letter, language, **form.cleaned_data)
        except translations.NothingChanged:
            messages.info(request, _("Nothing changed."))
        else:
            messages.success(
                request, _("The text in %(language)s was saved.") % {"language": names[language]}
            )
        return back(letter)
    context = {
        "member": member,
        "letter": letter,
        "form": form,
        "language": language,
        "language_name": names[language],
        "current": current,
    }
    return render(request, "workspace/translation.html", context, status=status_of(request, form))
