"""The text a person reads on a page, for comparing a page's French rendering with its English.

``visible_text`` lists the text nodes and the attributes read aloud or shown (placeholder,
aria-label, title, alt, a button's value), whitespace collapsed. It skips ``<script>``,
``<style>`` and ``<template>``, and anything inside an element marked ``lang="en"`` (text that
exists only in English, such as the NOC's lead statements and main duties, shown as such).
"""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SKIPPED = {"script", "style", "template"}
READ_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _keep(self, text: str | None) -> None:
        text = re.sub(r"\s+", " ", text or "").strip()
        if text and not self.skipping:
            self.texts.append(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = (
            self.skipping or tag in SKIPPED
            or (attributes.get("lang") or "").lower().startswith("en") and tag != "html"
        )
        if tag not in VOID:
            self.stack.append((tag, skipped))
        if skipped or attributes.get("type") == "hidden":
            return
        for name in READ_ATTRIBUTES:
            self._keep(attributes.get(name))
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self._keep(attributes.get("value"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Close up to the matching element: HTML lets some end tags be left out.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self._keep(data)


def visible_text(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.texts
