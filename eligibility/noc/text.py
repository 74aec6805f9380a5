"""Text folding shared by the importer, search and matching (pure, no Django)."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and turn punctuation into single spaces.

    ``"Ingénieur(e) logiciel's"`` becomes ``"ingenieur e logiciel s"``. The same folding is
    applied to the stored search columns and to the query, so a plain LIKE compares like with
    like on every database.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    unaccented = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", unaccented).strip()


def padded(text: str) -> str:
    """The folded text with a space on each side, so that ``" word"`` matches a word start."""
    folded = fold(text)
    return f" {folded} " if folded else ""


def fold_words(text: str) -> list[str]:
    return fold(text).split()
