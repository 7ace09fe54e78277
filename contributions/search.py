"""Keyword search that works for Japanese text.

Both the stored text and the query are NFKC-normalised (full-width letters and digits,
half-width katakana), lower-cased, and hiragana is folded onto katakana, so 「こども食堂」
finds 「コドモ食堂」 and 「ｺﾄﾞﾓ」 finds 「コドモ」.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    # Hiragana ぁ-ゖ sit exactly 0x60 below their katakana.
    text = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)
    return _SPACES.sub(" ", text).strip()


def search_terms(query: str) -> list[str]:
    """The words of a query; each must occur (AND)."""
    return [term for term in fold(query).split(" ") if term][:10]


def search_text_of(*parts: str) -> str:
    return fold(" ".join(_TAGS.sub(" ", part or "") for part in parts))
