"""Demo needs and resources, written through the same services as the screens.

The article's four needs seen by the council's services (就労体験の場, 食糧支援, 子どもの
学習支援, グレーゾーンの人たちへの支援) become local issues; the article names no area for
them, so the areas here are a plausible choice. Three individual cases are fictional and
hold no personal data. The resources of the three practice reports (大泉特別養護老人ホーム,
いずみ寮, つくりっこの家) are the ones the article describes; the other corporations' are
plausible inventions drawn from their facilities' service types. Every status of a need
appears, and offer requests are answered both ways. Deterministic.
"""

import datetime
import random

from django.db import transaction

from accounts.models import Membership
from contributions.models import NetworkPattern, Project, TargetGroup, Theme
from corporations.models import Area, Corporation

from . import services
from .models import Fee, NeedStatus, ResourceKind

JIGYODAN = "社会福祉法人練馬区社会福祉事業団"
JIAIKAI = "社会福祉法人慈愛会"
TSUKURI = "社会福祉法人つくりっこの家"

# (corporation, facility or None, kind, title, description, days, hours, fee, capacity, public)
REAL_RESOURCES = [
    (JIGYODAN, "大泉特別養護老人ホーム", "場所・部屋", "会議室・地域交流スペースの無料貸し出し",
     "町会、サークル、子育てグループ、学習支援などに無料でお貸しします。", "平日・土曜", "9時〜17時",
     Fee.FREE, 40, True),
    (JIGYODAN, "大泉特別養護老人ホーム", "講座・研修", "認知症サポーター養成研修",
     "施設職員が講師となり、学校・企業・町会に出向いて研修を行います。", "依頼に応じて", "90分程度",
     Fee.FREE, 50, True),
    (JIGYODAN, "大泉特別養護老人ホーム", "講座・研修", "福祉（介護）講座地域出前事業",
     "家族介護のこつ、腰を痛めない介助、福祉の仕事の魅力などの出前講座です。", "依頼に応じて", "",
     Fee.FREE, None, True),
    (JIGYODAN, None, "人材・専門職", "介護福祉士・看護師の講師派遣",
     "法人の専門職が、地域の集まりで健康や介護の相談に応じます。", "月2回まで", "", Fee.FREE, None, False),
    (JIAIKAI, "いずみ寮", "厨房・食事", "いずみ寮の厨房と食事サービス",
     "利用者の女性が調理にかかわる食事を、地域の方にも提供します。食糧支援の相談にも応じます。",
     "毎週水曜日", "11時30分〜13時", Fee.CHARGED, 20, True),
    (JIAIKAI, "いずみ寮", "就労体験の受け入れ", "売店での就労体験",
     "売店での接客や品出しを、就労体験として受け入れます。女性の方に限ります。", "平日", "10時〜15時",
     Fee.FREE, 2, False),
    (JIAIKAI, "いずみ寮", "交流・イベント", "コーラスとハンドベルの演奏",
     "地域の催しに出向いて演奏します。", "年数回", "", Fee.FREE, None, True),
    (TSUKURI, "つくりっこの家", "就労体験の受け入れ", "メンバーと一緒に働く就労体験",
     "就労継続支援B型のメンバーと肩を並べて、軽作業や販売を体験できます。", "平日", "10時〜15時", Fee.FREE, 3, False),
    (TSUKURI, "つくりっこの家", "交流・イベント", "こころの病への偏見をなくす交流イベント",
     "地域の方を招いた交流の催しを、ほかの法人と一緒に開けます。", "年3回", "", Fee.FREE, 80, True),
    (TSUKURI, None, "相談窓口", "多世代の住まいの相談",
     "空き部屋を活かした多世代同居の相談に応じます。", "随時", "", Fee.FREE, None, False),
]

# What a fictional corporation's facility can offer, by the facility's service type.
BY_SERVICE = {
    "高齢": [("場所・部屋", "{f}の地域交流室", "地域の集まりにお使いいただけます。"),
             ("車両", "{f}の送迎車両（空き時間）", "日中の空き時間に、外出支援に使えます。")],
    "障害": [("就労体験の受け入れ", "{f}での作業体験", "軽作業を一緒に体験できます。"),
             ("物品", "{f}の自主製品", "イベントの記念品などに使えます。")],
    "児童・保育": [("場所・部屋", "{f}の園庭開放", "土曜日に園庭を開放します。"),
               ("人材・専門職", "{f}の保育士による子育て相談", "子育ての相談に保育士が応じます。")],
    "生活困窮": [("相談窓口", "{f}の生活相談", "住まいや仕事の相談に応じます。"),
             ("厨房・食事", "{f}の食材の提供", "緊急時に食材をお分けします。")],
    "地域福祉": [("場所・部屋", "{f}の多目的室", "学習会や会議に使えます。")],
    "医療": [("人材・専門職", "{f}の看護師による健康講座", "地域の集まりに出向きます。")],
}
CONTACTS = ["地域連携担当 山本", "生活相談員 佐々木", "施設長 小川", "事務長 石井", "地域公益活動担当 森"]

# (key, title, description, areas, themes, targets, kinds, source)
ISSUES = [
    ("study", "子どもの学習支援の場", "生活困窮世帯の中学生が放課後に勉強できる場と、教える人が足りません。"
     "会議室と、学習を見守る職員・ボランティアを求めています。", ["光が丘"], ["学習支援", "居場所づくり"], ["子ども"],
     ["場所・部屋", "人材・専門職"], "volunteer"),
    ("food", "食糧支援", "生活サポートセンターの相談で、給料日前や失業直後に食べるものに困る方が増えています。"
     "食材の提供や食事の場を求めています。", ["練馬"], ["食糧支援"], ["生活困窮者"], ["厨房・食事", "物品"],
     "life_support"),
    ("work", "就労体験の場", "長く働いていない方が、いきなり就職する前に短い時間から働く体験をする場が必要です。",
     ["石神井"], ["就労体験"], ["生活困窮者", "障害のある人"], ["就労体験の受け入れ"], "life_support"),
    ("grey", "グレーゾーンの人たちへの支援",
     "障害の診断や制度の対象にはならないが、生きづらさを抱える人たちの居場所と相談先が必要です。",
     [], ["居場所づくり", "相談支援"], ["地域住民"], ["相談窓口", "場所・部屋"], "life_support"),
]
CASES = [
    ("case_work", "仕事を失い食事にも困っている方の就労体験", "50s", "失業して数か月。食事にも困っている。"
     "まず短時間の就労体験から始めたい。", ["石神井"], ["就労体験", "食糧支援"], ["生活困窮者"],
     ["就労体験の受け入れ", "厨房・食事"]),
    ("case_watch", "一人暮らしの高齢の方の見守り", "70s", "一人暮らし。介護保険のサービスは使っていないが、"
     "近所づきあいがなく閉じこもりがち。", ["大泉"], ["見守り"], ["高齢者"], ["人材・専門職"]),
    ("case_home", "住まいを探している若い方", "20s", "家族と暮らせなくなり、住まいを探している。"
     "保証人がいない。", ["練馬"], ["住まい支援"], ["地域住民"], ["相談窓口"]),
]


def _resources(rng, acting_user, corporations, kinds):
    by_name = {c.name: c for c in corporations}
    for (corp_name, facility_name, kind, title, description, days, hours, fee, capacity, public) in REAL_RESOURCES:
        corporation = by_name[corp_name]
        facility = next((f for f in corporation.facilities.all() if f.name == facility_name), None)
        services.resource_create(corporation=corporation, acting_user=acting_user, details=services.ResourceDetails(
            kind=kinds[kind], title=title, description=description, days=days, hours=hours, fee=fee,
            capacity=capacity, is_public=public, facility=facility, contact_name=rng.choice(CONTACTS),
            contact_phone=f"03-{rng.randint(3900, 3999)}-{rng.randint(1000, 9999)}",
        ))
    real = {row[0] for row in REAL_RESOURCES}
    for corporation in corporations:
        if corporation.name in real:
            continue
        for facility in list(corporation.facilities.all())[:2]:
            offers = BY_SERVICE.get(facility.service_type.name, [])
            if not offers:
                continue
            kind, title, description = offers[rng.randrange(len(offers))]
            services.resource_create(corporation=corporation, acting_user=acting_user, details=services.ResourceDetails(
                kind=kinds[kind], title=title.format(f=facility.name), description=description, facility=facility,
                days=rng.choice(["平日", "土曜日", "第2・第4水曜日", "随時"]),
                fee=rng.choice([Fee.FREE, Fee.FREE, Fee.NEGOTIABLE]),
                is_available=rng.random() > 0.1, is_public=rng.random() < 0.4, contact_name=rng.choice(CONTACTS),
            ))


def _near(corporations, area_name, count, exclude=()):
    """Corporations with a facility (or their home) in the area, in 五十音 order."""
    found = [c for c in corporations if c.name not in exclude and (
        c.home_area.name == area_name or any(f.area.name == area_name for f in c.facilities.all()))]
    return found[:count]


@transaction.atomic
def load(*, acting_user, seed: int = 2015) -> list:
    rng = random.Random(seed)
    areas = {a.name: a for a in Area.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    targets = {t.name: t for t in TargetGroup.objects.all()}
    kinds = {k.name: k for k in ResourceKind.objects.all()}
    patterns = {p.number: p for p in NetworkPattern.objects.all()}
    corporations = list(
        Corporation.objects.filter(is_active=True).select_related("home_area")
        .prefetch_related("facilities__area", "facilities__service_type").order_by("name_kana")
    )
    by_name = {c.name: c for c in corporations}
    _resources(rng, acting_user, corporations, kinds)

    received = datetime.date(2015, 10, 29)  # explained at the second liaison meeting
    needs = {}
    for key, title, description, area_names, theme_names, target_names, kind_names, source in ISSUES:
        needs[key] = services.need_create(acting_user=acting_user, details=services.NeedDetails(
            kind="issue", title=title, description=description, source=source, received_on=received,
            in_charge=acting_user, areas=[areas[n] for n in area_names], themes=[themes[n] for n in theme_names],
            target_groups=[targets[n] for n in target_names], resource_kinds=[kinds[n] for n in kind_names],
            source_note="第2回連絡会で社協職員が説明",
        ))
    for index, (
        key, title, age_band, description, area_names, theme_names, target_names, kind_names,
    ) in enumerate(CASES):
        needs[key] = services.need_create(acting_user=acting_user, details=services.NeedDetails(
            kind="case", title=title, description=description,
            source="life_support" if index != 1 else "community_care",
            received_on=received + datetime.timedelta(days=14 * (index + 1)), in_charge=acting_user, age_band=age_band,
            urgency="high" if index == 0 else "normal", areas=[areas[n] for n in area_names],
            themes=[themes[n] for n in theme_names], target_groups=[targets[n] for n in target_names],
            resource_kinds=[kinds[n] for n in kind_names],
        ))

    def ask(need, corporations_asked, answers):
        """Send, then answer: True 応諾, False 辞退, None left unanswered."""
        services.offers_send(need=need, corporations=corporations_asked, acting_user=acting_user,
                             message="ご協力いただけるか、ご検討をお願いします。")
        offers = {o.corporation_id: o for o in need.offers.all()}
        for corporation, answer in zip(corporations_asked, answers, strict=True):
            if answer is None:
                continue
            services.offer_answer(
                offer=offers[corporation.pk], acting_user=_editor(corporation) or acting_user, accept=answer,
                message="会議室と職員でお手伝いできます。" if answer else "今年度は職員の体制が整わず、見送ります。",
            )

    # 子どもの学習支援 (光が丘): two accept, one declines; 対応中; a project started from it; public.
    study = needs["study"]
    helpers = _near(corporations, "光が丘", 3)
    ask(study, helpers, [True, True, False])
    services.need_take_on(
        need=study, corporations=helpers[:2], acting_user=acting_user, note="2法人で会場と見守りを分担",
    )
    services.project_start_from_need(
        need=study, owner=helpers[0], acting_user=acting_user, title="光が丘まなびの部屋",
        summary="中学生の放課後の学習を、法人の会議室と職員で支えます。", pattern=patterns[3],
    )
    services.need_publish(
        need=study, acting_user=acting_user, visibility="public", public_title="子どもの学習支援の場が求められています",
        public_description="光が丘地域で、中学生が放課後に安心して勉強できる場所と、学習を見守る人を求めています。",
    )

    # 食糧支援 (練馬): いずみ寮 accepts, one declines, つくりっこの家 has not answered; 打診中; members.
    ask(needs["food"], [by_name[JIAIKAI], *_near(corporations, "練馬", 1, exclude={TSUKURI}), by_name[TSUKURI]],
        [True, False, None])
    services.need_publish(need=needs["food"], acting_user=acting_user, visibility="members", public_title="食糧支援",
                          public_description="食材の提供や食事の場をお持ちの法人は、事務局までご連絡ください。")

    # 就労体験の場 (石神井): いずみ寮 and つくりっこの家 accept; solved, linked to the shop project.
    work = needs["work"]
    ask(work, [by_name[JIAIKAI], by_name[TSUKURI]], [True, True])
    services.need_take_on(need=work, corporations=[by_name[JIAIKAI], by_name[TSUKURI]], acting_user=acting_user)
    shop = Project.objects.filter(title="いずみ寮の売店").first()
    if shop is not None:
        services.need_link_project(need=work, project=shop, acting_user=acting_user)
    services.need_change_status(need=work, acting_user=acting_user, status=NeedStatus.RESOLVED,
                                outcome="いずみ寮の売店とつくりっこの家で、就労体験の受け入れが始まった。")
    services.need_publish(need=work, acting_user=acting_user, visibility="public", public_title="就労体験の場",
                          public_description="短い時間から働く体験ができる場を、法人が提供しています。")
    # グレーゾーンの人たちへの支援 (区全域): 受付, not yet sent.

    # Cases: 対応中 (いずみ寮 accepted, つくりっこの家 not yet answered), 見送り, 終了.
    case_work = needs["case_work"]
    ask(case_work, [by_name[JIAIKAI], by_name[TSUKURI]], [True, None])
    services.need_take_on(need=case_work, corporations=[by_name[JIAIKAI]], acting_user=acting_user)
    case_watch = needs["case_watch"]
    ask(case_watch, [by_name[JIGYODAN]], [False])
    services.need_change_status(need=case_watch, acting_user=acting_user, status=NeedStatus.DECLINED,
                                outcome="地域包括支援センターの見守りにつなぎ、法人への依頼は見送った。")
    case_home = needs["case_home"]
    ask(case_home, _near(corporations, "練馬", 2, exclude={TSUKURI}), [True, False])
    services.need_change_status(need=case_home, acting_user=acting_user, status=NeedStatus.CLOSED,
                                outcome="区の住宅相談につなぎ、転居先が決まった。")
    return list(needs.values())


def _editor(corporation):
    membership = (Membership.objects.filter(corporation=corporation, role=Membership.Role.EDITOR, user__is_active=True)
                  .select_related("user").first())
    return membership.user if membership else None
