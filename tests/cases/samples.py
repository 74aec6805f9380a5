"""Real, small documents for upload tests: each opens as the type it claims to be."""

from io import BytesIO

from PIL import Image
from pypdf import PdfWriter


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
