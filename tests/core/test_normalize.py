import pytest
from django.core.exceptions import ValidationError

from core.normalize import normalize_kana, normalize_phone, normalize_postal_code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("176-0012", "176-0012"),
        ("1760012", "176-0012"),
        ("１７６－００１２", "176-0012"),
        ("１７６ー００１２", "176-0012"),
        ("〒176‐0012", "176-0012"),
        (" 176 0012 ", "176-0012"),
        ("", ""),
    ],
)
def test_it_stores_postal_codes_in_one_form(typed, stored):
    assert normalize_postal_code(typed) == stored


@pytest.mark.parametrize("typed", ["176-001", "17-60012", "abc-defg", "176-00123"])
def test_it_refuses_a_bad_postal_code_in_japanese(typed):
    with pytest.raises(ValidationError) as error:
        normalize_postal_code(typed)
    assert "郵便番号" in error.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("03-3993-9931", "03-3993-9931"),
        ("０３－３９９３－９９３１", "03-3993-9931"),
        ("０３ー３９９３ー９９３１", "03-3993-9931"),
        ("03(3993)9931", "03-3993-9931"),
        ("0339939931", "0339939931"),
        ("090-1234-5678", "090-1234-5678"),
        ("", ""),
    ],
)
def test_it_stores_phone_numbers_with_plain_hyphens(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["3993-9931", "03-3993-99", "03-abcd-9931", "110"])
def test_it_refuses_a_bad_phone_number_in_japanese(typed):
    with pytest.raises(ValidationError) as error:
        normalize_phone(typed)
    assert "電話番号" in error.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("つくりっこのいえ", "ツクリッコノイエ"), ("ｲｽﾞﾐﾘｮｳ", "イズミリョウ"), ("オオイズミ　ホーム", "オオイズミ ホーム")],
)
def test_it_stores_furigana_in_full_width_katakana(typed, stored):
    assert normalize_kana(typed) == stored


def test_it_refuses_furigana_in_kanji():
    with pytest.raises(ValidationError) as error:
        normalize_kana("練馬")
    assert "カタカナ" in error.value.messages[0]


def test_it_writes_a_persons_name_with_one_half_width_space():
    from core.normalize import normalize_person_name

    assert normalize_person_name(" 山田　太郎 ") == "山田 太郎"
    assert normalize_person_name("ﾔﾏﾀﾞ  ﾀﾛｳ") == "ヤマダ タロウ"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("東京都練馬区豊玉北６－１２－１", "東京都練馬区豊玉北6-12-1"),
        ("東京都練馬区豊玉北6ー12ー1", "東京都練馬区豊玉北6-12-1"),
        ("東京都練馬区豊玉北6−12−1　ｾﾝﾀｰ2階", "東京都練馬区豊玉北6-12-1 センター2階"),
        ("練馬区光が丘２丁目９番６号", "練馬区光が丘2丁目9番6号"),
        ("", ""),
    ],
)
def test_it_stores_addresses_in_one_form(typed, stored):
    from core.normalize import normalize_address

    assert normalize_address(typed) == stored


def test_it_gives_two_spellings_of_one_name_one_key():
    from core.normalize import loose_key, name_key

    assert name_key("社会福祉法人　ｱｵﾊﾞ会 ") == name_key("社会福祉法人 アオバ会") == "社会福祉法人 アオバ会"
    assert name_key("あおば会") != name_key("アオバ会")
    assert loose_key("あおば・会") == loose_key("アオバ 会")
