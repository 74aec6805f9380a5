"""Checks on an uploaded document before it is stored.

IRCC accepts files of about 4 MB at most; we accept PDF, JPG and PNG only, and we judge the type
by the file's first bytes (``filetype``), never by its name or the browser's Content-Type, both
of which the sender chooses. A name whose extension says another type than the content is
refused too, so a person notices a mislabelled file before IRCC does.
"""

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _lazy
from PIL import Image
from pypdf import PdfReader

MAX_BYTES = 4 * 1024 * 1024

# Detected MIME type → the extension we store, and the names the person's file may carry.
ACCEPTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/pdf": ("pdf", ("pdf",)),
    "image/jpeg": ("jpg", ("jpg", "jpeg")),
    "image/png": ("png", ("png",)),
}

TOO_LARGE = _lazy("This file is %(size)s MB; IRCC accepts files of 4 MB at most.")
EMPTY = _lazy("This file is empty.")
WRONG_TYPE = _lazy(
    "This file is not a PDF, JPG or PNG. We check what the file contains, not its name."
)
DAMAGED = _lazy(
    "This %(kind)s file cannot be opened: it may be damaged or only partly saved. Export or "
    "scan it again."
)
NAME_MISMATCH = _lazy(
    "This file's name ends in .%(named)s but it contains a %(actual)s file; rename it or "
    "choose the right file."
)


class UploadRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Kind:
    mime: str
    extension: str


def check_upload(file: UploadedFile) -> Kind:
    """The file's real type, or ``UploadRefused`` saying why it cannot be kept."""
    if file.size is None or file.size == 0:
        raise UploadRefused(str(EMPTY))
    if file.size > MAX_BYTES:
        raise UploadRefused(str(TOO_LARGE % {"size": f"{file.size / (1024 * 1024):.1f}"}))
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    guessed = filetype.guess(head)
    if guessed is None or guessed.mime not in ACCEPTED:
        raise UploadRefused(str(WRONG_TYPE))
    extension, names = ACCEPTED[guessed.mime]
    named = PurePath(file.name or "").suffix.lower().lstrip(".")
    if named and named not in names:
        raise UploadRefused(
            str(NAME_MISMATCH % {"named": named, "actual": extension.upper()})
        )
    if not _opens(file, guessed.mime):
        raise UploadRefused(str(DAMAGED % {"kind": extension.upper()}))
    return Kind(mime=guessed.mime, extension=extension)


def _opens(file: UploadedFile, mime: str) -> bool:
    """The whole file parses as the type its first bytes claim: a PDF with at least one page,
    an image whose data is complete. A file that only starts like one is refused."""
    file.seek(0)
    try:
        if mime == "application/pdf":
            return len(PdfReader(file).pages) > 0
        with Image.open(file) as image:
            image.verify()
            return True
    except Exception:  # noqa: BLE001 - any parse failure means the file cannot be used
        return False
    finally:
        file.seek(0)


def safe_display_name(name: str | None) -> str:
    """The file's own name, for display only: no folders, at most 200 characters."""
    base = PurePath((name or "").replace("\\", "/")).name.strip() or "document"
    return base[-200:]
