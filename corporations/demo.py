"""Demo register: Nerima's network of 63 corporations in FY2015 (平成27年度).

The three corporations behind the article's practice reports are real facilities; their
corporations' names are plausible where the article names none. The other 60 are
fictional, as are all people's names. Deterministic: the same seed gives the same demo.
"""

import random

from django.db import transaction

from . import services
from .models import Area, Corporation, ServiceType

TOWNS = {
    "練馬": [("豊玉北", "176-0012"), ("練馬", "176-0001"), ("桜台", "176-0002"), ("春日町", "179-0074"),
             ("貫井", "176-0021")],
    "光が丘": [("光が丘", "179-0072"), ("旭町", "179-0071"), ("田柄", "179-0073"), ("高松", "179-0075"),
               ("土支田", "179-0076")],
    "石神井": [("石神井町", "177-0041"), ("上石神井", "177-0044"), ("関町北", "177-0051"), ("立野町", "177-0054"),
               ("下石神井", "177-0042")],
    "大泉": [("東大泉", "178-0063"), ("西大泉", "178-0065"), ("南大泉", "178-0064"), ("大泉学園町", "178-0061"),
             ("大泉町", "178-0062")],
}

# (name, フリガナ, kind, home area, [(facility, フリガナ, service type, area)])
REAL = [
    ("社会福祉法人つくりっこの家", "ツクリッコノイエ", Corporation.Kind.SOCIAL_WELFARE, "練馬",
     [("つくりっこの家", "ツクリッコノイエ", "障害", "練馬")]),
    ("社会福祉法人慈愛会", "ジアイカイ", Corporation.Kind.SOCIAL_WELFARE, "石神井",
     [("いずみ寮", "イズミリョウ", "婦人保護", "石神井")]),
    ("社会福祉法人練馬区社会福祉事業団", "ネリマクシャカイフクシジギョウダン", Corporation.Kind.PUBLIC_AGENCY, "大泉",
     [("大泉特別養護老人ホーム", "オオイズミトクベツヨウゴロウジンホーム", "高齢", "大泉"),
      ("練馬区立デイサービスセンター大泉", "ネリマクリツデイサービスセンターオオイズミ", "高齢", "大泉"),
      ("練馬区立光が丘障害者地域生活支援センター", "ネリマクリツヒカリガオカショウガイシャチイキセイカツシエンセンター",
       "障害", "光が丘")]),
]

STEMS = [
    ("あおば", "アオバ"), ("あかね", "アカネ"), ("あさひ", "アサヒ"), ("いちょう", "イチョウ"),
    ("うぐいす", "ウグイス"), ("えがお", "エガオ"), ("おおぞら", "オオゾラ"), ("かえで", "カエデ"),
    ("かがやき", "カガヤキ"), ("きずな", "キズナ"), ("くすのき", "クスノキ"), ("けやき", "ケヤキ"),
    ("こもれび", "コモレビ"), ("さくら", "サクラ"), ("しらかば", "シラカバ"), ("すずらん", "スズラン"),
    ("せせらぎ", "セセラギ"), ("そよかぜ", "ソヨカゼ"), ("たんぽぽ", "タンポポ"), ("ちとせ", "チトセ"),
    ("つばさ", "ツバサ"), ("ともしび", "トモシビ"), ("なごみ", "ナゴミ"), ("にじ", "ニジ"),
    ("ぬくもり", "ヌクモリ"), ("のぞみ", "ノゾミ"), ("はなみずき", "ハナミズキ"), ("ひだまり", "ヒダマリ"),
    ("ふれあい", "フレアイ"), ("ほほえみ", "ホホエミ"), ("まごころ", "マゴコロ"), ("みどり", "ミドリ"),
    ("むさしの", "ムサシノ"), ("めぐみ", "メグミ"), ("もくせい", "モクセイ"), ("やまびこ", "ヤマビコ"),
    ("ゆうあい", "ユウアイ"), ("よつば", "ヨツバ"), ("らいむ", "ライム"), ("りんどう", "リンドウ"),
    ("わかば", "ワカバ"), ("光陽", "コウヨウ"), ("清風", "セイフウ"), ("白梅", "シラウメ"),
    ("青葉台", "アオバダイ"), ("武蔵野福音", "ムサシノフクイン"), ("東京愛隣", "トウキョウアイリン"),
    ("豊島長寿", "トシマチョウジュ"), ("石泉", "セキセン"), ("富士見", "フジミ"), ("泉の森", "イズミノモリ"),
    ("春風", "ハルカゼ"), ("慈光", "ジコウ"), ("寿光", "ジュコウ"), ("陽だまりの丘", "ヒダマリノオカ"),
    ("緑風", "リョクフウ"), ("桜台共生", "サクラダイキョウセイ"), ("大樹", "タイジュ"), ("千川", "センカワ"),
    ("白子川", "シラコガワ"),
]
SUFFIXES = [("会", "カイ"), ("福祉会", "フクシカイ"), ("厚生会", "コウセイカイ"), ("愛育会", "アイイクカイ"),
            ("友愛会", "ユウアイカイ")]

FACILITY_KINDS = {
    "高齢": [("特別養護老人ホーム{}", "トクベツヨウゴロウジンホーム{}"), ("{}デイサービス", "{}デイサービス"),
             ("{}ケアプランセンター", "{}ケアプランセンター")],
    "障害": [("{}作業所", "{}サギョウショ"), ("{}就労支援センター", "{}シュウロウシエンセンター"),
             ("グループホーム{}", "グループホーム{}")],
    "児童・保育": [("{}保育園", "{}ホイクエン"), ("{}学童クラブ", "{}ガクドウクラブ"),
                   ("{}子ども家庭支援室", "{}コドモカテイシエンシツ")],
    "生活困窮": [("{}自立支援ホーム", "{}ジリツシエンホーム")],
    "地域福祉": [("{}地域交流センター", "{}チイキコウリュウセンター")],
    "医療": [("{}診療所", "{}シンリョウジョ")],
}
REPRESENTATIVES = ["山田 一郎", "佐藤 花子", "鈴木 正人", "高橋 和子", "田中 修", "伊藤 恵美", "渡辺 誠", "中村 裕子",
                   "小林 健", "加藤 美穂"]


def _address(rng, area_name):
    town, postal = rng.choice(TOWNS[area_name])
    return postal, f"東京都練馬区{town}{rng.randint(1, 6)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"


def _phone(rng):
    return f"03-{rng.randint(3900, 3999)}-{rng.randint(1000, 9999)}"


@transaction.atomic
def load(*, acting_user, seed: int = 2015) -> list[Corporation]:
    """Create the demo register through the services, as acting_user (a staff account)."""
    rng = random.Random(seed)
    areas = {a.name: a for a in Area.objects.all()}
    types = {t.name: t for t in ServiceType.objects.all()}
    area_names = list(TOWNS)
    rows = list(REAL)
    for index, (stem, stem_kana) in enumerate(STEMS):
        suffix, suffix_kana = SUFFIXES[index % len(SUFFIXES)]
        if index % 12 == 5:
            kind, prefix = Corporation.Kind.NPO, "特定非営利活動法人"
            suffix, suffix_kana = ("ネット", "ネット")
        elif index % 20 == 9:
            kind, prefix = Corporation.Kind.OTHER, "一般社団法人"
        else:
            kind, prefix = Corporation.Kind.SOCIAL_WELFARE, "社会福祉法人"
        home = area_names[index % 4]
        facilities = []
        for f in range(rng.choice([1, 1, 2, 2, 3, 4])):
            service = rng.choice(list(FACILITY_KINDS))
            pattern, pattern_kana = rng.choice(FACILITY_KINDS[service])
            area = home if f == 0 or rng.random() < 0.6 else rng.choice(area_names)
            facilities.append((pattern.format(stem), pattern_kana.format(stem_kana), service, area))
        rows.append((f"{prefix}{stem}{suffix}", f"{stem_kana}{suffix_kana}", kind, home, facilities))

    created = []
    for name, kana, kind, home, facilities in rows:
        postal, address = _address(rng, home)
        corporation = services.corporation_create(
            acting_user=acting_user, name=name, name_kana=kana, kind=kind, home_area=areas[home],
            postal_code=postal, address=address, phone=_phone(rng),
            representative=rng.choice(REPRESENTATIVES),
            # Like a real register, some small corporations have no e-mail address: the council posts
            # or faxes their invitations (meetings: the printed 案内文 and FAX返信票).
            email="" if (len(created) + 1) % 7 == 0 else f"info{len(created) + 1:02d}@example.jp",
        )
        seen = set()
        for fname, fkana, service, farea in facilities:
            if fname in seen:
                continue
            seen.add(fname)
            f_postal, f_address = _address(rng, farea)
            services.facility_create(
                corporation=corporation, acting_user=acting_user, name=fname, name_kana=fkana,
                service_type=types[service], area=areas[farea], postal_code=f_postal, address=f_address,
                phone=_phone(rng), capacity=rng.choice([None, 20, 30, 50, 80, 100]),
            )
        created.append(corporation)
    return created
