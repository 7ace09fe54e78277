"""Checking uploaded files and serving stored ones: the one place for both.

An upload is accepted only when its extension is one we take and its first bytes are what
a genuine file of that kind starts with; the content type we store comes from that check,
never from the browser. Stored files are served with `nosniff`, and a file missing from
storage answers 404, not 500.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

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
