"""Real, small documents for upload tests: each opens as the type it claims to be."""

import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    """A file as the browser sends it (the Content-Type it claims is never trusted)."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def pdf_of_size(size: int | None = None) -> bytes:
    """A one-page PDF; with ``size``, padded (in its metadata) to exactly that many bytes."""

    def write(padding: int) -> bytes:
        writer = PdfWriter()
        writer.add_blank_page(width=72, height=72)
        if padding:
            writer.add_metadata({"/Padding": "A" * padding})
        buffer = BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    content = write(0)
    if size is None:
        return content
    padding = max(size - len(content) - 32, 1)
    for _ in range(5):  # the metadata's own framing is a few bytes: settle on the exact size
        content = write(padding)
        if len(content) == size:
            return content
        padding += size - len(content)
    raise AssertionError(f"could not build a PDF of exactly {size} bytes")


def image(format_: str) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format=format_)
    return buffer.getvalue()


PDF = pdf_of_size()
PNG = image("PNG")
JPG = image("JPEG")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_declaring(width: int, height: int, rows: int = 1) -> bytes:
    """A well-formed greyscale PNG header declaring ``width`` × ``height`` pixels, whose data
    holds only ``rows`` rows: tiny on disk, huge (or incomplete) once decoded."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress((b"\x00" + b"\xff" * width) * rows)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))
