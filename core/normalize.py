"""Normalising what people type: full-width digits, odd hyphens, hiragana in フリガナ."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Every dash-like character people type for a hyphen in numbers (ー, －, ‐, −, – …).
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u30fc\uff0d\uff70\u2500\u2501\-]")
_SPACES = re.compile(r"\s+")


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def normalize_postal_code(value: str) -> str:
    """'１７６−００１２' or '1760012' → '176-0012'. Empty stays empty."""
    text = _SPACES.sub("", _DASHES.sub("-", _nfkc(value))).lstrip("〒")
    if not text:
        return ""
    digits = text.replace("-", "")
    if not re.fullmatch(r"\d{7}", digits) or (text.count("-") and not re.fullmatch(r"\d{3}-\d{4}", text)):
        raise ValidationError(
            _("郵便番号は「176-0012」のように7桁の数字で入力してください。"), code="postal_code"
        )
    return f"{digits[:3]}-{digits[3:]}"


def normalize_phone(value: str) -> str:
    """'０３（３９９３）９９３１' → '03-3993-9931'. Keeps the caller's grouping otherwise."""
    text = _nfkc(value)
    if not text:
        return ""
    text = re.sub(r"[()]", "-", text)
    text = _SPACES.sub("-", _DASHES.sub("-", text))
    text = re.sub(r"-{2,}", "-", text).strip("-")
    digits = text.replace("-", "")
    if not re.fullmatch(r"[\d-]+", text) or not digits.startswith("0") or len(digits) not in (10, 11):
        raise ValidationError(
            _("電話番号は「03-3993-9931」のように0から始まる10桁か11桁の数字で入力してください。"),
            code="phone",
        )
    return text


def hiragana_to_katakana(text: str) -> str:
    """Fold hiragana onto katakana (the one place this is written)."""
    # Hiragana ぁ-ゖ sit exactly 0x60 below their katakana.
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def fold_for_search(text: str) -> str:
    """Search form of a text: NFKC (full-width letters and digits, half-width katakana),
    lower case, hiragana as katakana, one space between words."""
    text = hiragana_to_katakana(unicodedata.normalize("NFKC", text or "").lower())
    return _SPACES.sub(" ", text).strip()


def normalize_kana(value: str) -> str:
    """フリガナ in full-width katakana: hiragana and half-width kana are converted."""
    text = hiragana_to_katakana(_SPACES.sub(" ", _nfkc(value)))
    if text and not re.fullmatch(r"[\u30a0-\u30ff\u3000 ・ー]+", text):
        raise ValidationError(
            _("フリガナはカタカナ（またはひらがな）で入力してください。"), code="kana"
        )
    return text


def normalize_person_name(value: str) -> str:
    """'山田　太郎 ' and '山田 太郎' are one person: NFKC, one half-width space between parts."""
    return _SPACES.sub(" ", _nfkc(value))


def normalize_address(value: str) -> str:
    """'豊玉北６－１２－１' and '豊玉北6ー12ー1' → '豊玉北6-12-1': NFKC (full-width digits and
    letters, half-width katakana), one space between words, and a dash-like character
    between two digits written as '-'. A ー elsewhere (センター, コーポ) stays."""
    text = _SPACES.sub(" ", _nfkc(value))
    return re.sub(r"(?<=\d)" + _DASHES.pattern + r"(?=\d)", "-", text)


def name_key(value: str) -> str:
    """The key two spellings of one name share: NFKC (full-width letters and digits,
    half-width katakana) and one half-width space between words. '社会福祉法人　ｱｵﾊﾞ会' and
    '社会福祉法人 アオバ会' are one corporation."""
    return _SPACES.sub(" ", _nfkc(value))


def loose_key(value: str) -> str:
    """A looser key for names that are likely the same and worth a person's look: the
    search form without spaces and middle dots ('あおば 会' ~ 'アオバ・会')."""
    return re.sub(r"[\s・･]", "", fold_for_search(value))
