"""The reading (読み) of Japanese text in katakana, so that a search typed in kana finds kanji.

見守り → ミマモリ, 子ども → コドモ, 食糧 → ショクリョウ. The reading comes from MeCab (through
fugashi) with UniDic-lite, a dictionary shipped inside its wheel: nothing is downloaded at run
time. A word the dictionary does not know keeps its own spelling.
"""

from functools import lru_cache


@lru_cache(maxsize=1)
def _tagger():
    # Loading the dictionary takes a moment and some memory: once per process.
    import fugashi

    return fugashi.Tagger()


def reading_of(text: str) -> str:
    """The katakana reading of each whitespace-separated chunk of the text, chunks kept apart."""
    chunks = []
    for chunk in (text or "").split():
        words = []
        for word in _tagger()(chunk):
            kana = getattr(word.feature, "kana", None)
            words.append(kana if kana and kana != "*" else word.surface)
        chunks.append("".join(words))
    return " ".join(chunks)
