"""Checks on an uploaded document before it is stored.

IRCC accepts files of about 4 MB at most; we accept PDF, JPG and PNG only, and we judge the type
by the file's first bytes (``filetype``), never by its name or the browser's Content-Type, both
of which the sender chooses. A name whose extension says another type than the content is
refused too, so a person notices a mislabelled file before IRCC does.
"""

import struct
import warnings
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy
from PIL import Image
from pypdf import PdfReader

MAX_BYTES = 4 * 1024 * 1024

# The most pixels an image may declare. A letter or A4 page scanned at 600 dpi is about 35
# million pixels, and a phone photo of a document 12 to 24 million, so 40 million admits any
# real document; decoding it takes at most about 160 MB. A few hundred bytes of PNG can declare
# billions of pixels: the declared size is checked before a single one is decoded.
MAX_PIXELS = 40_000_000
# Pillow's own guard, for every image this process opens: a warning past this many pixels
# (made an error below) and an error past twice as many, raised before any memory is taken.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Detected MIME type → the extension we store, and the names the person's file may carry.
ACCEPTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/pdf": ("pdf", ("pdf",)),
    "image/jpeg": ("jpg", ("jpg", "jpeg")),
    "image/png": ("png", ("png",)),
}

TOO_LARGE = gettext_lazy("This file is %(size)s MB; IRCC accepts files of 4 MB at most.")
EMPTY = gettext_lazy("This file is empty.")
WRONG_TYPE = gettext_lazy(
    "This file is not a PDF, JPG or PNG. We check what the file contains, not its name."
)
DAMAGED = gettext_lazy(
    "This %(kind)s file cannot be opened: it may be damaged or only partly saved. Export or "
    "scan it again."
)
TOO_MANY_PIXELS = gettext_lazy(
    "This image declares more than 40 million pixels, far more than a scanned page needs. "
    "Scan the page at 300 dpi or export a smaller copy."
)
NAME_MISMATCH = gettext_lazy(
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
    if guessed.mime != "application/pdf":
        _check_pixels(file)
    if not _opens(file, guessed.mime):
        raise UploadRefused(str(DAMAGED % {"kind": extension.upper()}))
    return Kind(mime=guessed.mime, extension=extension)


def _check_pixels(file: UploadedFile) -> None:
    """Refuse an image that declares more than ``MAX_PIXELS``, reading only its header."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused(str(TOO_MANY_PIXELS)) from None
    except Exception:  # noqa: BLE001 - not even a header: _opens says it is damaged
        return
    finally:
        file.seek(0)
    if width * height > MAX_PIXELS:
        raise UploadRefused(str(TOO_MANY_PIXELS))


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))


def _png_rows_complete(content: bytes) -> bool:
    """Whether a PNG's image data holds every row its header declares.

    Pillow fills rows missing from a zlib stream that ends early without an error, so the
    decompressed size is counted here (in 1 MB steps, never held whole) against the size the
    header implies.
    """
    position, idat, header = 8, [], None
    while position + 8 <= len(content):
        length, kind = struct.unpack(">I4s", content[position:position + 8])
        data = content[position + 8:position + 8 + length]
        if kind == b"IHDR" and len(data) == 13:
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat.append(data)
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None or header[3] not in _PNG_CHANNELS:
        return False
    width, height, depth, colour, _compression, _filter, interlace = header
    bits = _PNG_CHANNELS[colour] * depth
    passes = _ADAM7 if interlace else ((0, 0, 1, 1),)
    expected = 0
    for x0, y0, dx, dy in passes:
        columns = -(-(width - x0) // dx) if width > x0 else 0
        rows = -(-(height - y0) // dy) if height > y0 else 0
        if columns and rows:
            expected += rows * (1 + -(-(columns * bits) // 8))
    stream, produced, pending = zlib.decompressobj(), 0, b"".join(idat)
    try:
        while pending and produced < expected:
            produced += len(stream.decompress(pending, 1 << 20))
            pending = stream.unconsumed_tail
    except zlib.error:
        return False
    return produced >= expected


def _opens(file: UploadedFile, mime: str) -> bool:
    """The whole file parses as the type its first bytes claim: a PDF with at least one page,
    an image whose every pixel decodes (``load``, not only ``verify``, which reads the chunks
    without decoding them). A file that only starts like one is refused."""
    file.seek(0)
    try:
        if mime == "application/pdf":
            return len(PdfReader(file).pages) > 0
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image.verify()  # chunk checksums and structure
            file.seek(0)
            with Image.open(file) as image:
                image.load()  # every pixel
        if mime == "image/png":
            file.seek(0)
            return _png_rows_complete(file.read())
        return True
    except Exception:  # noqa: BLE001 - any parse failure means the file cannot be used
        return False
    finally:
        file.seek(0)


def safe_display_name(name: str | None) -> str:
    """The file's own name, for display only: no folders, at most 200 characters."""
    base = PurePath((name or "").replace("\\", "/")).name.strip() or "document"
    return base[-200:]
