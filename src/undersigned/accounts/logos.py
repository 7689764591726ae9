"""Organisation logos: an upload is checked and re-encoded by Pillow, so the site only ever
serves a small PNG it made itself (no SVG scripts, no metadata, no decompression bombs)."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from undersigned.accounts.models import Organisation, OrganisationLogo

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_PIXELS = 25_000_000  # before decoding: a small file can unpack to gigabytes
SIZE = (256, 256)  # the largest the site shows it


def to_png(upload: UploadedFile[bytes]) -> bytes:
    """The upload as a PNG of at most SIZE, or ValidationError saying what is wrong."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The logo is too large: the limit is 1 MB."))
    try:
        with Image.open(upload) as image:
            if image.format not in ("PNG", "JPEG", "GIF", "WEBP"):
                raise ValidationError(_("Upload the logo as a PNG, JPEG, GIF or WebP image."))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The logo has too many pixels; make it smaller."))
            image.seek(0)
            image.load()
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not an image we can read.")) from None
    picture.thumbnail(SIZE)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def set_logo(organisation: Organisation, png: bytes | None) -> None:
    """Store a new logo (from to_png), or remove it with None."""
    with transaction.atomic():
        if png is None:
            OrganisationLogo.objects.filter(organisation=organisation).delete()
            organisation.logo_updated = None
        else:
            OrganisationLogo.objects.update_or_create(
                organisation=organisation, defaults={"png": png}
            )
            organisation.logo_updated = timezone.now()
        Organisation.objects.filter(pk=organisation.pk).update(
            logo_updated=organisation.logo_updated
        )
