"""Demo projects: the article's three practice reports, and about 40 fictional ones.

The practice reports of the second liaison meeting (平成27年10月29日) become projects of
their corporations; the others are fictional, spread over the four patterns, the four
areas and every state, some joint. Written through the same services as the screens, so
the public copies, histories and review dates are what the portal itself would make.
Deterministic: the same seed gives the same demo (review dates count back from today, so
that some reviews are always overdue).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from corporations.models import Area, Corporation

from . import services
from .models import (
    ContributionKind,
    NetworkPattern,
    PdcaStage,
    Project,
    ProjectStatus,
    TargetGroup,
    Theme,
)

K = ContributionKind
S = ProjectStatus

# (owner, facility, title, summary, description, pattern, kind, status, areas, themes,
#  targets, frequency, ripple, feasibility, publish?)
REAL = [
    ("社会福祉法人つくりっこの家", "つくりっこの家", "こころの病への偏見をなくす地域交流イベント",
     "就労継続支援B型の利用者と地域の方が一緒に働き、楽しむ交流の催しです。",
     "つくりっこの家では、障害のあるメンバーが地域の方と肩を並べて働いています。\n"
     "年に数回、地域の方を招いた交流イベントを開き、精神疾患への偏見をなくすことをめざしています。",
     4, K.SOCIAL_ACTION, S.ACTIVE, ["練馬"], ["交流イベント", "居場所づくり"], ["障害のある人", "地域住民"],
     "年3回", 5, 4, True),
    ("社会福祉法人つくりっこの家", "つくりっこの家", "多世代が暮らす住まいの支援",
     "高齢者や若者など世代の違う人がともに暮らす住まいづくりを支えます。",
     "空き部屋を活かした多世代同居の相談と、暮らし始めた後の見守りを近隣の法人と行います。",
     2, K.CONSULTATION, S.PREPARING, ["練馬"], ["住まい支援", "見守り"], ["高齢者", "地域住民"],
     "随時（相談）", 4, 2, True),
    ("社会福祉法人慈愛会", "いずみ寮", "いずみ寮の食事サービス",
     "婦人保護施設の厨房で作る食事を、地域の方にも提供します。",
     "利用者の女性が調理と配膳にかかわり、社会に戻る力をつけます。地域の方との会話も生まれています。",
     2, K.CARE, S.ACTIVE, ["石神井"], ["食糧支援", "居場所づくり", "就労体験"], ["女性", "地域住民"],
     "毎週水曜日", 4, 5, True),
    ("社会福祉法人慈愛会", "いずみ寮", "いずみ寮の売店",
     "利用者が店番をする小さな売店。手づくり品を地域に届けます。",
     "<p>売店での接客や品出しが、社会復帰に向けた<strong>就労体験</strong>になります。</p>",
     3, K.TRAINING, S.ACTIVE, ["石神井"], ["就労体験"], ["女性"], "平日 10時〜15時", 3, 5, True),
    ("社会福祉法人慈愛会", "いずみ寮", "コーラスとハンドベルの演奏会",
     "いずみ寮のコーラスとハンドベルのグループが、地域で演奏会を開きます。",
     "演奏を通じて利用者の女性が自信を取り戻し、地域の方と出会う場になっています。",
     4, K.SOCIAL_ACTION, S.ACTIVE, ["石神井", "大泉"], ["交流イベント"], ["女性", "地域住民"],
     "年2回（夏・クリスマス）", 5, 4, True),
    ("社会福祉法人練馬区社会福祉事業団", "大泉特別養護老人ホーム", "地域への部屋の無料貸し出し",
     "特養の会議室や地域交流スペースを、地域の団体に無料でお貸しします。",
     "町会、サークル、子育てグループなどが使えます。空き状況は施設にお問い合わせください。",
     2, K.PLACE, S.ACTIVE, ["大泉"], ["施設開放", "居場所づくり"], ["地域住民"], "随時", 3, 5, True),
    ("社会福祉法人練馬区社会福祉事業団", "大泉特別養護老人ホーム", "認知症サポーター養成研修",
     "認知症の方と家族を地域で支えるサポーターを養成します。",
     "施設職員が講師となり、学校、企業、町会などに出向いて研修を行います。",
     3, K.TRAINING, S.ACTIVE, ["大泉", "石神井"], ["講座・研修", "見守り"], ["地域住民", "高齢者"],
     "月1回程度", 4, 4, True),
    ("社会福祉法人練馬区社会福祉事業団", "大泉特別養護老人ホーム", "福祉（介護）講座地域出前事業",
     "介護の基礎や福祉の仕事を、地域に出向いてお伝えします。",
     "家族介護のこつ、腰を痛めない介助のしかた、福祉の仕事の魅力などをテーマにした出前講座です。",
     3, K.TRAINING, S.ACTIVE, ["大泉", "光が丘"], ["講座・研修"], ["地域住民", "高齢者"], "依頼に応じて", 4, 3, True),
]

# Fictional projects: (title, summary, pattern, kind, themes, targets, frequency)
IDEAS = [
    ("子ども食堂{stem}", "月に一度、施設の食堂で子ども食堂を開きます。",
     3, K.PLACE, ["食糧支援", "居場所づくり"], ["子ども", "子育て家庭"], "毎月第3土曜日"),
    ("フードドライブ{area}", "家庭で余った食品を集め、必要な方に届けます。",
     3, K.SOCIAL_ACTION, ["食糧支援"], ["生活困窮者"], "年4回"),
    ("{stem}学習教室", "中学生の学習を職員とボランティアが支えます。",
     3, K.CARE, ["学習支援", "居場所づくり"], ["子ども"], "毎週火曜・木曜"),
    ("障害のある人の就労体験受け入れ", "施設の清掃や調理補助で就労体験の場を提供します。",
     3, K.TRAINING, ["就労体験"], ["障害のある人", "生活困窮者"], "随時"),
    ("{area}ご近所見守りネット", "近くの法人が連携し、一人暮らしの高齢者を見守ります。",
     2, K.CARE, ["見守り"], ["高齢者"], "毎日"),
    ("{stem}夏祭り", "施設の庭で地域の方と一緒に夏祭りを開きます。",
     4, K.PLACE, ["交流イベント", "施設開放"], ["地域住民"], "年1回（8月）"),
    ("{stem}カフェ", "認知症の方と家族、地域の方が気軽に集えるカフェです。",
     2, K.CONSULTATION, ["居場所づくり", "相談支援"], ["高齢者", "地域住民"], "毎月第2水曜日"),
    ("はざまの相談窓口", "制度のはざまにある方の相談を受け、法人間でつなぎます。",
     1, K.CONSULTATION, ["相談支援"], ["生活困窮者", "地域住民"], "平日"),
    ("緊急時の食料と衣類の提供", "生活サポートセンターからの依頼で、急ぎの支援をします。",
     1, K.CARE, ["食糧支援"], ["生活困窮者"], "依頼に応じて"),
    ("災害時の福祉避難の協力", "災害時に近隣の法人どうしで職員と物資を融通します。",
     2, K.CARE, ["災害時の協力"], ["高齢者", "障害のある人"], "年1回訓練"),
    ("{stem}音楽会", "利用者と地域の合唱団による音楽会です。",
     4, K.SOCIAL_ACTION, ["交流イベント"], ["地域住民"], "年2回"),
    ("介護職員合同研修", "法人の枠をこえて若手職員の研修を行います。",
     3, K.TRAINING, ["講座・研修"], ["法人職員"], "年3回"),
    ("{area}送迎車両の共同利用", "空き時間の送迎車両を地域の外出支援に使います。",
     2, K.PLACE, ["施設開放"], ["高齢者", "障害のある人"], "週2回"),
    ("子育てひろば{stem}", "保育園の園庭を開放し、子育ての相談を受けます。",
     2, K.PLACE, ["施設開放", "相談支援"], ["子育て家庭", "子ども"], "毎週金曜日"),
    ("ひとり親家庭の学習と食事の支援", "学習支援と夕食をあわせて届けます。",
     1, K.CARE, ["学習支援", "食糧支援"], ["子ども", "女性"], "週1回"),
]
STATES = ["published"] * 11 + ["pending"] * 2 + ["submitted"] * 3 + ["draft"] * 3 + ["withdrawn"]
STATUSES = [S.ACTIVE] * 5 + [S.PREPARING] * 2 + [S.IDEA, S.PAUSED, S.ENDED]
FICTIONAL_COUNT = 42
OUTCOMES = ["参加者が前回より増えた。", "地域の町会から協力の申し出があった。", "利用者の表情が明るくなった。",
            "近隣の法人と役割分担ができた。"]
ISSUES = ["担い手の職員が足りない。", "周知が行き届いていない。", "費用の分担が決まっていない。",
          "会場の確保が難しい。"]
NEXT_STEPS = ["ボランティアを募集する。", "区報と町会の回覧で知らせる。", "連絡会で他の法人に協力を呼びかける。"]


def _fields(*, title, summary, description, pattern, kind, status, areas, themes, targets, frequency,
            ripple, feasibility, public_contact, partners=(), facilities=(), start=None):
    """The keyword arguments of services.project_create, as a form would give them."""
    return {
        "title": title, "summary": summary, "description": description, "pattern": pattern, "kind": kind,
        "status": status, "areas": areas, "themes": themes, "target_groups": targets, "frequency": frequency,
        "ripple_score": ripple, "feasibility_score": feasibility, "partners": list(partners),
        "facilities": list(facilities), "period_start": start, "public_contact": public_contact,
    }


def _reviews(rng, project, acting_user, today):
    if project.status not in (S.ACTIVE, S.PAUSED, S.ENDED):
        return
    count = rng.choice([0, 1, 1, 2, 3])
    # The latest review sits 20–420 days back with the next one half a year later,
    # so roughly a third of the reviewed projects are overdue.
    latest = today - datetime.timedelta(days=rng.randint(20, 420))
    days = [latest - datetime.timedelta(days=182 * n) for n in reversed(range(count))]
    stages = [PdcaStage.PLAN, PdcaStage.DO, PdcaStage.CHECK, PdcaStage.ACT]
    for index, day in enumerate(days):
        services.review_create(
            project=project, acting_user=acting_user, reviewed_on=day,
            stage=stages[min(index + 1, 3)] if count > 1 else PdcaStage.CHECK,
            outcomes=rng.choice(OUTCOMES), issues=rng.choice(ISSUES), next_step=rng.choice(NEXT_STEPS),
            next_review_on=day + datetime.timedelta(days=182),
        )


def _take_through(project, state, acting_user):
    if state == "draft":
        return
    services.project_submit(project=project, acting_user=acting_user)
    if state == "submitted":
        return
    services.project_publish(project=project, acting_user=acting_user, expected_version=project.version)
    if state == "withdrawn":
        services.project_withdraw(project=project, acting_user=acting_user)
    elif state == "pending":
        # Edited after publication: the catalogue keeps the approved text until re-approval.
        services.project_update(
            project=project, acting_user=acting_user, summary=project.summary + "（内容を更新しました）"
        )


@transaction.atomic
def load(*, acting_user, seed: int = 2015) -> list[Project]:
    """acting_user: a staff account (the secretariat registers and publishes the demo)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    areas = {a.name: a for a in Area.objects.all()}
    patterns = {p.number: p for p in NetworkPattern.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    targets = {t.name: t for t in TargetGroup.objects.all()}
    corporations = list(
        Corporation.objects.prefetch_related("facilities").select_related("home_area").order_by("name_kana")
    )
    by_name = {c.name: c for c in corporations}
    real_names = {row[0] for row in REAL}
    fictional_owners = [c for c in corporations if c.name not in real_names]
    tsukuri = by_name.get("社会福祉法人つくりっこの家")
    created = []

    for (owner_name, facility_name, title, summary, description, pattern, kind, status, area_names, theme_names,
         target_names, frequency, ripple, feasibility, publish) in REAL:
        owner = by_name[owner_name]
        facilities = [f for f in owner.facilities.all() if f.name == facility_name]
        fields = _fields(
            title=title, summary=summary, description=description, pattern=patterns[pattern], kind=kind,
            status=status, areas=[areas[n] for n in area_names], themes=[themes[n] for n in theme_names],
            targets=[targets[n] for n in target_names], frequency=frequency, ripple=ripple,
            feasibility=feasibility, facilities=facilities, start=datetime.date(2015, 4, 1),
            public_contact=f"{facility_name}（代表電話）",
        )
        project = services.project_create(owner=owner, acting_user=acting_user, **fields)
        if publish:
            _take_through(project, "published", acting_user)
        _reviews(rng, project, acting_user, today)
        created.append(project)

    area_names = list(areas)
    for index in range(FICTIONAL_COUNT):
        title, summary, pattern, kind, theme_names, target_names, frequency = IDEAS[index % len(IDEAS)]
        owner = rng.choice(fictional_owners)
        home = owner.home_area.name
        stem = owner.name.removeprefix("社会福祉法人").removeprefix("特定非営利活動法人").removeprefix("一般社団法人")
        project_areas = [home] + ([rng.choice(area_names)] if rng.random() < 0.3 else [])
        partners = []
        if pattern in (2, 3) and rng.random() < 0.6 or pattern == 1:
            neighbours = [c for c in fictional_owners if c != owner and (pattern != 2 or c.home_area.name == home)]
            partners = rng.sample(neighbours, k=min(len(neighbours), rng.randint(1, 3)))
        if tsukuri and index % 9 == 4:
            partners.append(tsukuri)  # the demo member sees joint projects too
        facilities = list(owner.facilities.all())[:1] + [
            p.facilities.all()[0] for p in partners[:1] if p.facilities.all()
        ]
        status = rng.choice(STATUSES)
        fields = _fields(
            title=title.format(stem=stem, area=home), summary=summary, description=summary,
            pattern=patterns[pattern], kind=kind, status=status,
            areas=[areas[n] for n in dict.fromkeys(project_areas)], themes=[themes[n] for n in theme_names],
            targets=[targets[n] for n in target_names], frequency=frequency,
            ripple=rng.randint(1, 5), feasibility=rng.randint(1, 5), partners=partners, facilities=facilities,
            start=datetime.date(2015, rng.randint(4, 12), 1) if status != S.IDEA else None,
            public_contact=f"{owner.name} 地域公益活動担当",
        )
        if rng.random() < 0.25:
            fields["staff_ripple_score"] = rng.randint(1, 5)
            fields["staff_feasibility_score"] = rng.randint(1, 5)
        project = services.project_create(owner=owner, acting_user=acting_user, **fields)
        _take_through(project, STATES[(index * 7) % len(STATES)], acting_user)
        _reviews(rng, project, acting_user, today)
        created.append(project)
    return created
