"""A letter's text in more than one language. The letter's own title and body are in the
site's default language (LANGUAGE_CODE); each other language has its own numbered versions
(LetterTranslation), every one logged as a `text` entry with `lang`, so the log binds each
signature to the words its signer was shown."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import get_language, get_language_info

from undersigned.ledger import events
from undersigned.letters.models import Letter, LetterTranslation


class NothingChanged(Exception):
    """The submitted text is that of the language's current version."""


def default_language() -> str:
    return settings.LANGUAGE_CODE


def current(letter: Letter, language: str) -> LetterTranslation | None:
    """The newest version of the letter's text in `language`, if it has one (None for the
    letter's own language)."""
    if language == default_language():
        return None
    return letter.translations.filter(language=language).order_by("-number").first()


@dataclass(frozen=True)
class Text:
    """The words a reader is shown: the letter's own, or a translation's."""

    language: str  # "" for the letter's own text
    version: int
    title: str
    addressee: str
    body_html: str


def shown(letter: Letter, language: str | None = None) -> Text:
    """The text for a reader of `language` (default: the active language)."""
    translation = current(letter, language or get_language() or default_language())
    if translation is None:
        return Text("", letter.version, letter.title, letter.addressee, letter.body_html)
    return Text(
        translation.language,
        translation.number,
        translation.title,
        translation.addressee or letter.addressee,
        translation.body_html,
    )


@dataclass(frozen=True)
class Link:
    code: str
    name: str  # the language's own name for itself


def languages(letter: Letter) -> list[Link]:
    """Every language the letter's text exists in, the letter's own first."""
    codes = [default_language()] + sorted(
        set(letter.translations.values_list("language", flat=True))
    )
    names = dict(settings.LANGUAGES)
    return [Link(code, names.get(code) or get_language_info(code)["name_local"]) for code in codes]


def translate(
    letter: Letter, language: str, *, title: str, body: str, addressee: str = ""
) -> LetterTranslation:
    """Store a new version of the letter's text in `language` and make it current. On a
    published letter the version is logged at once; a draft's are logged at publication."""
    if language == default_language() or language not in dict(settings.LANGUAGES):
        raise ValueError(f"not a translation language: {language}")
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        latest = current(locked, language)
        if latest and (latest.title, latest.body, latest.addressee) == (title, body, addressee):
            raise NothingChanged
        number = (
            locked.translations.filter(language=language).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        translation = LetterTranslation.objects.create(
            letter=locked,
            language=language,
            number=number,
            title=title,
            addressee=addressee,
            body=body,
        )
        if locked.is_public:
            log(translation)
    return translation


def log(translation: LetterTranslation) -> None:
    """Queue a translation's `text` entry (the event names the translation by item_id)."""
    events.record(
        Letter, translation.letter_id, "text", item_id=translation.pk, version=translation.number
    )


def log_current(letter: Letter) -> None:
    """At publication: log the current version of each translation, after the letter's own."""
    for language in sorted(set(letter.translations.values_list("language", flat=True))):
        translation = current(letter, language)
        if translation is not None:
            log(translation)
