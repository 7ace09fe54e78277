"""Demo meetings: FY2015's liaison meetings of Nerima, as the 2015-11-25 article tells them.

第1回 (2015-07-29) and 第2回 (2015-10-29, 39 of 63 corporations) were held; 第3回 is
planned for early 2016. A meeting three weeks ahead in the current fiscal year lets a
newcomer try invitations and answers. The lecturer and the practice reports are the article's; every
attendee's name is fictional. Deterministic: random.Random with a fixed seed.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from core.wareki import fiscal_year_of
from corporations.models import Area, Corporation, Facility

from . import services
from .models import AreaGroup, Invitation, Meeting, ProgramItem

TOKYO = ZoneInfo("Asia/Tokyo")
SERIES_TITLE = "社会福祉法人等の社会貢献事業におけるネットワークづくりに向けた連絡会"
VENUE = "練馬区役所 本庁舎 アトリウム地下 多目的会議室"
PRACTICE = ["社会福祉法人つくりっこの家", "社会福祉法人慈愛会", "社会福祉法人練馬区社会福祉事業団"]
SURNAMES = ["青木", "石川", "上田", "遠藤", "大野", "加藤", "木村", "小池", "斎藤", "篠原", "杉山", "関口",
            "高田", "千葉", "土屋", "中川", "西村", "野口", "橋本", "平野", "福田", "堀", "松本", "宮崎",
            "村上", "森田", "矢野", "山口", "吉川", "渡部"]
GIVEN = ["和也", "由美", "健一", "直子", "誠", "恵子", "大輔", "真理", "浩", "美香", "剛", "幸子", "隆",
         "千尋", "翔", "裕子"]
TITLES = ["施設長", "副施設長", "事務長", "生活相談員", "地域連携担当", "理事", "主任", "管理者"]

PROGRAMME_2 = [
    (ProgramItem.Kind.GREETING, "開会挨拶", "練馬区社会福祉協議会 事務局長", None, None),
    (ProgramItem.Kind.GREETING, "挨拶", "練馬区福祉部 管理課長", None, None),
    (ProgramItem.Kind.PROPOSAL, "社会貢献事業のネットワークづくりの考え方と4つのパターン",
     "練馬区社会福祉協議会", None, None),
    (ProgramItem.Kind.LECTURE, "社会貢献事業におけるネットワークづくりについて",
     "ルーテル学院大学 学事顧問・教授 市川一宏 氏", None, None),
    (ProgramItem.Kind.PRACTICE_REPORT, "障害のあるメンバーが地域住民とともに働く場づくり",
     "", PRACTICE[0], "つくりっこの家"),
    (ProgramItem.Kind.PRACTICE_REPORT, "女性の社会復帰を支える食事サービス・ショップ・合唱とハンドベル",
     "", PRACTICE[1], "いずみ寮"),
    (ProgramItem.Kind.PRACTICE_REPORT, "施設の無料貸し出しと福祉（介護）講座地域出前事業",
     "", PRACTICE[2], "大泉特別養護老人ホーム"),
    (ProgramItem.Kind.EXPLANATION,
     "社協事業から見えた地域ニーズ（就労体験の場・食糧支援・子どもの学習支援・グレーゾーンの人たちへの支援）",
     "練馬区社会福祉協議会 生活サポートセンター", None, None),
    (ProgramItem.Kind.EXCHANGE, "4地域に分かれての情報交換（練馬・光が丘・石神井・大泉）", "", None, None),
    (ProgramItem.Kind.REPORT, "各グループからの報告", "各グループの進行役", None, None),
    (ProgramItem.Kind.SUMMARY, "まとめ", "ルーテル学院大学 学事顧問・教授 市川一宏 氏", None, None),
]
PROGRAMME_1 = [
    (ProgramItem.Kind.GREETING, "開会挨拶", "練馬区社会福祉協議会 事務局長", None, None),
    (ProgramItem.Kind.EXPLANATION, "連絡会の趣旨と社会福祉法人の社会貢献事業について",
     "練馬区社会福祉協議会", None, None),
    (ProgramItem.Kind.EXCHANGE, "各法人の社会貢献の取組み状況の紹介", "", None, None),
    (ProgramItem.Kind.SUMMARY, "今後の進め方", "練馬区社会福祉協議会", None, None),
]
GROUP_NOTES = {
    "練馬": ("種別を問わない地域ごとの集まりは初めてのため、自己紹介から始めた。"
             "就労体験の場として作業所と保育園が協力できないか話し合った。",
             "就労体験の受け入れ先を地域で一覧にすることを提案。"),
    "光が丘": ("団地の高齢化と子どもの学習支援が話題に。空いている会議室を学習会に貸せる法人が複数あった。",
              "場の提供から始められることを確認した。"),
    "石神井": ("いずみ寮のハンドベル演奏を地域の行事に招く案が出た。食糧支援の受け渡し場所について意見交換。",
              "共に楽しめる提案型の取組みとして、秋の行事への参加を検討。"),
    "大泉": ("認知症サポーター養成研修を近隣の法人の職員にも開くこと、施設の無料貸し出しの周知を話し合った。",
            "近隣たすけあい型で、研修と場の提供を組み合わせる。"),
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


def _programme(meeting, rows, facilities, acting_user):
    corporations = {c.name: c for c in Corporation.objects.filter(name__in=PRACTICE)}
    items = []
    for order, (kind, title, speaker, corporation_name, facility_name) in enumerate(rows, start=1):
        corporation = corporations.get(corporation_name)
        facility = facilities.get(facility_name)
        items.append((None, {
            "order": order, "kind": kind, "title": title, "speaker": speaker or (facility.name if facility else ""),
            "corporation": corporation, "facility": facility,
        }))
    services.program_save(meeting=meeting, acting_user=acting_user, rows=items, delete=[])


def _invite(meeting, corporations, acting_user, invited_at):
    """The demo's invitations went out on paper: nobody is mailed."""
    services.invitations_send(
        meeting=meeting, corporations=corporations, acting_user=acting_user, invited_at=invited_at, notify=False
    )
    by_corporation = {i.corporation_id: i for i in meeting.invitations.select_related("meeting", "corporation")}
    return [by_corporation[c.pk] for c in corporations]


def _person(rng, used):
    while True:
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        if name not in used:
            used.add(name)
            return name


def _held_meeting(*, meeting, corporations, attending, rng, acting_user, answered_at):
    """Invitations with answers (taken by the secretariat by fax and phone: 代理入力), RSVP
    persons and the attendance taken on the day."""
    invitations = _invite(meeting, corporations, acting_user, answered_at - datetime.timedelta(days=30))
    facilities_of = {}
    for facility in Facility.objects.filter(corporation__in=corporations).order_by("name_kana"):
        facilities_of.setdefault(facility.corporation_id, []).append(facility)
    rows, answers, used = [], [], set()
    for invitation in invitations:
        corporation = invitation.corporation
        comes = corporation.pk in attending
        answer = Invitation.Answer.ATTEND if comes else rng.choice(
            [Invitation.Answer.ABSENT, Invitation.Answer.ABSENT, Invitation.Answer.PENDING]
        )
        persons = []
        if comes:
            facility = (facilities_of.get(corporation.pk) or [None])[0]
            for _order in range(rng.choice([1, 1, 2])):
                name, title = _person(rng, used), rng.choice(TITLES)
                persons.append({"name": name, "title": title, "facility_id": facility.pk if facility else None,
                                "area_id": corporation.home_area_id})
                rows.append({"attendee_id": None, "corporation_id": corporation.pk,
                             "facility_id": facility.pk if facility else None, "name": name, "title": title,
                             "area_id": corporation.home_area_id, "present": True, "walk_in": False})
        if answer != Invitation.Answer.PENDING:
            answers.append((invitation, answer, persons))
    for invitation, answer, persons in answers:
        services.rsvp_answer(invitation=invitation, acting_user=acting_user, answer=answer, comment="",
                             persons=persons, answered_at=answered_at)
    services.attendance_save(meeting=meeting, rows=rows, acting_user=acting_user)


@transaction.atomic
def load(*, acting_user, seed: int = 2015):
    rng = random.Random(seed)
    corporations = list(Corporation.objects.filter(is_active=True).order_by("name_kana"))
    facilities = {f.name: f for f in Facility.objects.filter(corporation__name__in=PRACTICE)}
    practice_ids = {c.pk for c in corporations if c.name in PRACTICE}
    others = [c.pk for c in corporations if c.pk not in practice_ids]

    series = services.series_create(
        acting_user=acting_user, title=SERIES_TITLE, fiscal_year=2015,
        description="練馬区社会福祉協議会が区内の社会福祉法人等に呼びかけ、平成27年度に3回ほど開催する連絡会。",
    )
    first = services.meeting_create(
        series=series, acting_user=acting_user, number=1, starts_at=_at(datetime.date(2015, 7, 29), 14),
        ends_at=_at(datetime.date(2015, 7, 29), 16, 30), venue=VENUE, status=Meeting.Status.HELD,
    )
    _programme(first, PROGRAMME_1, facilities, acting_user)
    attending_1 = practice_ids | set(rng.sample(others, 32))
    _held_meeting(meeting=first, corporations=corporations, attending=attending_1, rng=rng, acting_user=acting_user,
                  answered_at=_at(datetime.date(2015, 7, 20), 10))

    second = services.meeting_create(
        series=series, acting_user=acting_user, number=2, starts_at=_at(datetime.date(2015, 10, 29), 14),
        ends_at=_at(datetime.date(2015, 10, 29), 17), venue=VENUE, status=Meeting.Status.HELD,
        notes="63法人中39法人が参加。講演、実践報告、4つの地域ごとのグループに分かれての情報交換を行った。",
    )
    _programme(second, PROGRAMME_2, facilities, acting_user)
    # The article: 39 of the 63 corporations came, among them the three that reported.
    attending_2 = practice_ids | set(rng.sample(others, 39 - len(practice_ids)))
    _held_meeting(meeting=second, corporations=corporations, attending=attending_2, rng=rng, acting_user=acting_user,
                  answered_at=_at(datetime.date(2015, 10, 20), 10))
    areas = {a.name: a for a in Area.objects.all()}
    groups = [
        (AreaGroup(area=areas[area_name]), {
            "facilitator": f"{_person(rng, set())}（社協）", "recorder": f"{_person(rng, set())}（社協）",
            "notes": notes, "report_back": report_back,
        })
        for area_name, (notes, report_back) in GROUP_NOTES.items()
    ]
    services.area_groups_save(meeting=second, acting_user=acting_user, groups=groups)

    third = services.meeting_copy(
        series=series, acting_user=acting_user, starts_at=_at(datetime.date(2016, 2, 10), 14),
        ends_at=_at(datetime.date(2016, 2, 10), 16, 30), venue=VENUE, notes="エリアごとの取組みの具体化に向けて。",
    )
    _invite(third, corporations, acting_user, _at(datetime.date(2016, 1, 8), 9))
    return [first, second, third, _upcoming(corporations=corporations, rng=rng, acting_user=acting_user)]


def _upcoming(*, corporations, rng, acting_user):
    """A meeting three weeks after the demo is loaded, so invitations and answers can be tried.

    Some corporations have answered; the demo member's (つくりっこの家) has not.
    """
    day = timezone.localdate() + datetime.timedelta(days=21)
    series = services.series_create(
        acting_user=acting_user, title=SERIES_TITLE, fiscal_year=fiscal_year_of(day),
        description="平成27年度に始まった連絡会の今年度のシリーズ。エリアごとの取組みの振り返りと次の一歩。",
    )
    meeting = services.meeting_create(
        series=series, acting_user=acting_user, number=1, starts_at=_at(day, 14), ends_at=_at(day, 16, 30),
        venue=VENUE, status=Meeting.Status.PLANNED, answer_deadline=day - datetime.timedelta(days=7),
        notes="各エリアの社会貢献事業の振り返り（PDCA）と、新しい共同事業の提案。",
    )
    _programme(meeting, PROGRAMME_1, {}, acting_user)
    invitations = _invite(meeting, corporations, acting_user, timezone.now())
    used: set[str] = set()
    answers = Invitation.Answer
    choices = [answers.ATTEND, answers.ATTEND, answers.ABSENT, answers.UNDECIDED]
    for invitation in rng.sample([i for i in invitations if i.corporation.name != PRACTICE[0]], 24):
        answer = rng.choice(choices)
        persons = [] if answer == Invitation.Answer.ABSENT else [
            {"name": _person(rng, used), "title": rng.choice(TITLES), "facility_id": None,
             "area_id": invitation.corporation.home_area_id}
        ]
        services.rsvp_answer(invitation=invitation, acting_user=acting_user, answer=answer, comment="", persons=persons)
    return meeting
