"""Keyword search that works for Japanese text.

Both the stored text and the query are folded by `core.normalize.fold_for_search` (NFKC,
lower case, hiragana as katakana), so 「こども食堂」 finds 「コドモ食堂」 and 「ｺﾄﾞﾓ」 finds 「コドモ」.
The stored text also holds its reading in katakana (`core.reading`), so 「みまもり」 finds
「見守り」 and 「しょくりょう」 finds 「食糧」.
"""

import re

from core.normalize import fold_for_search as fold
from core.reading import reading_of

_TAGS = re.compile(r"<[^>]*>")


def search_terms(query: str) -> list[str]:
    """The words of a query; each must occur (AND)."""
    return [term for term in fold(query).split(" ") if term][:10]


def search_text_of(*parts: str) -> str:
    """The folded text, then its folded reading: the text for what is typed in kanji, the
    reading for what is typed in kana."""
    text = " ".join(_TAGS.sub(" ", part or "") for part in parts)
    return fold(f"{text} {reading_of(text)}")
