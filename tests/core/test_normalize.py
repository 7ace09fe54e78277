import pytest
from django.core.exceptions import ValidationError

from core.normalize import (
    loose_key,
    name_key,
    normalize_address,
    normalize_kana,
    normalize_person_name,
    normalize_phone,
    normalize_postal_code,
)

# What one types in each kind of field, and the one form it is stored in.
STORED_FORMS = {
    normalize_postal_code: [
        ("176-0012", "176-0012"),
        ("1760012", "176-0012"),
        ("１７６－００１２", "176-0012"),
        ("１７６ー００１２", "176-0012"),
        ("〒176‐0012", "176-0012"),
        (" 176 0012 ", "176-0012"),
        ("", ""),
    ],
    normalize_phone: [
        ("03-3993-9931", "03-3993-9931"),
        ("０３－３９９３－９９３１", "03-3993-9931"),
        ("０３ー３９９３ー９９３１", "03-3993-9931"),
        ("03(3993)9931", "03-3993-9931"),
        ("0339939931", "0339939931"),
        ("090-1234-5678", "090-1234-5678"),
        ("", ""),
    ],
    normalize_kana: [
        ("つくりっこのいえ", "ツクリッコノイエ"),
        ("ｲｽﾞﾐﾘｮｳ", "イズミリョウ"),
        ("オオイズミ　ホーム", "オオイズミ ホーム"),
    ],
    normalize_address: [
        ("東京都練馬区豊玉北６－１２－１", "東京都練馬区豊玉北6-12-1"),
        ("東京都練馬区豊玉北6ー12ー1", "東京都練馬区豊玉北6-12-1"),
        ("東京都練馬区豊玉北6−12−1　ｾﾝﾀｰ2階", "東京都練馬区豊玉北6-12-1 センター2階"),
        ("練馬区光が丘２丁目９番６号", "練馬区光が丘2丁目9番6号"),
        ("", ""),
    ],
}
# What each kind of field refuses, and the word its Japanese message names the field by.
REFUSED = {
    normalize_postal_code: (["176-001", "17-60012", "abc-defg", "176-00123"], "郵便番号"),
    normalize_phone: (["3993-9931", "03-3993-99", "03-abcd-9931", "110"], "電話番号"),
    normalize_kana: (["練馬"], "カタカナ"),  # furigana in kanji
}


@pytest.mark.parametrize(
    ("normalize", "typed", "stored"),
    [pytest.param(normalize, typed, stored, id=f"{normalize.__name__}-{typed}")
     for normalize, rows in STORED_FORMS.items() for typed, stored in rows],
)
def test_it_stores_each_kind_of_field_in_one_form(normalize, typed, stored):
    assert normalize(typed) == stored


@pytest.mark.parametrize(
    ("normalize", "typed", "word"),
    [pytest.param(normalize, typed, word, id=f"{normalize.__name__}-{typed}")
     for normalize, (refused, word) in REFUSED.items() for typed in refused],
)
def test_it_refuses_a_bad_value_in_japanese(normalize, typed, word):
    with pytest.raises(ValidationError) as error:
        normalize(typed)
    assert word in error.value.messages[0]


def test_it_writes_a_persons_name_with_one_half_width_space():
    assert normalize_person_name(" 山田　太郎 ") == "山田 太郎"
    assert normalize_person_name("ﾔﾏﾀﾞ  ﾀﾛｳ") == "ヤマダ タロウ"


def test_it_gives_two_spellings_of_one_name_one_key():
    assert name_key("社会福祉法人　ｱｵﾊﾞ会 ") == name_key("社会福祉法人 アオバ会") == "社会福祉法人 アオバ会"
    assert name_key("あおば会") != name_key("アオバ会")
    assert loose_key("あおば・会") == loose_key("アオバ 会")
