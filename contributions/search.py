"""Keyword search that works for Japanese text.

Both the stored text and the query are folded by `core.normalize.fold_for_search` (NFKC,
lower case, hiragana as katakana), so 「こども食堂」 finds 「コドモ食堂」 and 「ｺﾄﾞﾓ」 finds 「コドモ」.
"""

import re

from core.normalize import fold_for_search as fold

_TAGS = re.compile(r"<[^>]*>")


def search_terms(query: str) -> list[str]:
    """The words of a query; each must occur (AND)."""
    return [term for term in fold(query).split(" ") if term][:10]


def search_text_of(*parts: str) -> str:
    return fold(" ".join(_TAGS.sub(" ", part or "") for part in parts))
