"""Checking uploaded files and serving stored ones: the one place for both.

An upload is accepted only when its extension is one we take and its first bytes are what
a genuine file of that kind starts with; the content type we store comes from that check,
never from the browser. Stored files are served with `nosniff`, and a file missing from
storage answers 404, not 500.

Images are served to the public, so an accepted image is re-encoded from its pixels: what a
camera or phone writes beside them (EXIF with the GPS position and the author, XMP, comments)
never reaches storage.
"""

import io
import mimetypes
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office formats
JPEG = b"\xff\xd8\xff"
PNG = b"\x89PNG\r\n\x1a\n"


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extensions: frozenset
    signatures: tuple  # byte prefixes, or callables taking the first 16 bytes

    def matches(self, head: bytes) -> bool:
        return any(sig(head) if callable(sig) else head.startswith(sig) for sig in self.signatures)


def kind(content_type: str, extensions: set, *signatures) -> FileKind:
    return FileKind(content_type, frozenset(extensions), signatures)


PDF = kind("application/pdf", {".pdf"}, b"%PDF-")
XLSX = kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}, ZIP)
XLS = kind("application/vnd.ms-excel", {".xls"}, OLE)
DOCX = kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}, ZIP)
DOC = kind("application/msword", {".doc"}, OLE)
PNG_IMAGE = kind("image/png", {".png"}, PNG)
JPEG_IMAGE = kind("image/jpeg", {".jpg", ".jpeg"}, JPEG)
GIF_IMAGE = kind("image/gif", {".gif"}, b"GIF87a", b"GIF89a")
WEBP_IMAGE = kind("image/webp", {".webp"}, _is_webp)


def check_upload(
    upload, kinds: list[FileKind], *, max_bytes: int, too_big: str, wrong_kind: str, mismatch: str | None = None
) -> str:
    """The content type of an accepted upload; a ValidationError with the caller's message otherwise
    (`mismatch` when the extension is one we take but the content is not of that kind)."""
    if upload.size > max_bytes:
        raise ValidationError(too_big, code="too_big")
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for file_kind in kinds:
        if suffix in file_kind.extensions and file_kind.matches(head):
            return file_kind.content_type
    if any(suffix in file_kind.extensions for file_kind in kinds):
        raise ValidationError(mismatch or _("ファイルの中身が拡張子と一致しません。"), code="mismatch")
    raise ValidationError(wrong_kind, code="kind")


# 40 megapixels: more than a phone's full-resolution photo, and at most ~160 MB of pixels in
# memory while re-encoding. A 5 MB file can declare far more (a "decompression bomb"), so the
# size from the header is checked before any pixel is decoded.
MAX_IMAGE_PIXELS = 40_000_000

# Content type → Pillow format, and the save options for it. Other kinds are stored as they are.
_REENCODED = {
    "image/jpeg": ("JPEG", {"quality": 90}),
    "image/png": ("PNG", {"optimize": True}),
    "image/webp": ("WEBP", {"quality": 90}),
}


def _pixels_for(image: Image.Image, image_format: str) -> Image.Image:
    """The image in a mode the format can save, transparency kept as alpha."""
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    if image_format == "JPEG":
        return image if image.mode in ("L", "RGB") else image.convert("RGB")
    if image_format == "WEBP":
        wanted = "RGBA" if has_alpha else "RGB"
        return image if image.mode == wanted else image.convert(wanted)
    if "transparency" in image.info:  # a palette or grey PNG's transparency lives in its metadata
        return image.convert("RGBA")
    return image


def reencode_image(upload, content_type: str, *, max_pixels: int = MAX_IMAGE_PIXELS,
                   too_many_pixels: str | None = None, broken: str | None = None):
    """A copy of an accepted JPEG, PNG or WebP image made from its pixels alone: no EXIF, XMP or
    comments; turned the way its EXIF orientation said, so it still shows upright; the ICC
    colour profile kept. Call after `check_upload`, with the content type it returned.

    Any other content type gives the upload back unchanged. A ValidationError (the caller's
    message, or a default) for an image with too many pixels or one that cannot be decoded.
    An animated image keeps its first frame.
    """
    if content_type not in _REENCODED:
        return upload
    image_format, options = _REENCODED[content_type]
    too_many_pixels = too_many_pixels or _("画像の画素数が多すぎます（4000万画素まで）。縮小してから登録してください。")
    broken = broken or _("画像を読み込めません。壊れていない画像ファイルを選んでください。")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check only warns below twice its limit: make it refuse.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=[image_format]) as original:
                if original.width * original.height > max_pixels:
                    raise ValidationError(too_many_pixels, code="too_many_pixels")
                original.load()
                icc_profile = original.info.get("icc_profile")
                upright = ImageOps.exif_transpose(original)
                pixels = _pixels_for(upright, image_format)
                # Only the pixels go on: nothing of the original's metadata is carried by
                # `info` into the encoder (Pillow reuses some of it, the JPEG comment for one).
                pixels.info = {}
                buffer = io.BytesIO()
                if icc_profile:
                    options = {**options, "icc_profile": icc_profile}
                pixels.save(buffer, format=image_format, **options)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(too_many_pixels, code="too_many_pixels") from None
    except Exception:  # Pillow raises many kinds for a broken file or broken EXIF
        raise ValidationError(broken, code="broken_image") from None
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue(), name=PurePosixPath(upload.name or "image").name)


def stored_file_response(field_file, *, content_type: str = "", download_name: str | None = None,
                         cache_control: str = "private, max-age=300") -> FileResponse:
    """Serve a stored file; one missing from storage answers 404."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=download_name is not None,
        filename=download_name or "",
        content_type=content_type or mimetypes.guess_type(field_file.name)[0] or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response
