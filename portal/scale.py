"""Rows for scale: a register, meetings, projects, needs and resources many times the demo's,
written with bulk inserts.

Used by `manage.py load_scale` (the benchmarks) and by tests that must hold at ten times the
rows. What it writes is plausible but fictional, and deterministic: the same counts and seed
give the same rows. Bulk inserts skip the services on purpose (the services write one row and
one history record at a time: 21,000 corporations through them would take hours); the rows
obey every constraint all the same, and no history is written for them.

Two shapes:
- `DEMO_SHAPE`: the demo's own proportions (63 corporations …). Tests add `(factor - 1)`
  of it to the rows they have, so "10×" means ten times the register a test starts from.
- `ISSUE_100X`: what issue 13 measured as 100× (21,000 corporations, 100,000 facilities,
  750 meetings, 1,000,000 attendees, 5,000 projects; and 100 times the demo's needs and
  resources). `load_scale --factor F` grows from the demo (F = 1) to that (F = 100) in a
  straight line.

What follows the meetings grows with them: three guests and the minutes (two decisions, one
or two follow-ups) of each generated meeting, and the mails (with the mail queue's rows) of
the newest generated year's invitations and reminders. Each need has its status changes;
needs being asked or answered have offer requests to two corporations.
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass, fields
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from contributions.models import (
    ContributionKind,
    NetworkPattern,
    Project,
    ProjectStatus,
    PublicationState,
    PublishedProject,
    TargetGroup,
    Theme,
)
from contributions.search import search_text_of
from corporations.models import Area, Corporation, Facility, ServiceType
from meetings.models import Attendee, Invitation, Meeting, MeetingSeries, RsvpPerson
from meetings.models.attendance import Guest
from meetings.models.invitations import MeetingMail
from meetings.models.minutes import Minutes, MinutesDecision, MinutesFollowUp
from needs.models import (
    CLOSED_STATUSES,
    AgeBand,
    Fee,
    Need,
    NeedKind,
    NeedProject,
    NeedSource,
    NeedStatus,
    NeedStatusChange,
    OfferRequest,
    OfferStatus,
    Resource,
    ResourceKind,
    Urgency,
    Visibility,
)

TOKYO = ZoneInfo("Asia/Tokyo")
BATCH = 5000


@dataclass(frozen=True)
class Shape:
    corporations: int = 0
    facilities: int = 0
    meetings: int = 0
    attendees: int = 0
    projects: int = 0
    needs: int = 0
    resources: int = 0

    def scaled(self, by: float) -> Shape:
        return Shape(**{f.name: round(getattr(self, f.name) * by) for f in fields(self)})

    def minus(self, other: Shape) -> Shape:
        return Shape(**{f.name: max(0, getattr(self, f.name) - getattr(other, f.name)) for f in fields(self)})

    def plus(self, other: Shape) -> Shape:
        return Shape(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


# The Nerima demo (portal/management/commands/load_demo.py), counted.
DEMO_SHAPE = Shape(corporations=63, facilities=130, meetings=4, attendees=96, projects=51, needs=7, resources=110)
# The issue named no needs or resources: 100 times the demo's, as for the register.
ISSUE_100X = Shape(
    corporations=21_000, facilities=100_000, meetings=750, attendees=1_000_000, projects=5_000, needs=700,
    resources=11_000,
)


def issue_shape(factor: float, base: Shape) -> Shape:
    """The rows to add to `base` (the demo, counted) for `load_scale --factor`: the demo at 1,
    the issue's 100× at 100, a straight line between."""
    share = max(0.0, (factor - 1) / 99)
    return base.plus(ISSUE_100X.minus(base).scaled(share)).minus(base)


def count_rows() -> Shape:
    return Shape(
        corporations=Corporation.objects.count(), facilities=Facility.objects.count(),
        meetings=Meeting.objects.count(), attendees=Attendee.objects.count(), projects=Project.objects.count(),
        needs=Need.objects.count(), resources=Resource.objects.count(),
    )


STEMS = [
    ("あおば", "アオバ"), ("あかね", "アカネ"), ("あさひ", "アサヒ"), ("いちょう", "イチョウ"), ("えがお", "エガオ"),
    ("かえで", "カエデ"), ("きずな", "キズナ"), ("けやき", "ケヤキ"), ("こもれび", "コモレビ"), ("さくら", "サクラ"),
    ("すずらん", "スズラン"), ("そよかぜ", "ソヨカゼ"), ("たんぽぽ", "タンポポ"), ("つばさ", "ツバサ"),
    ("なごみ", "ナゴミ"), ("のぞみ", "ノゾミ"), ("ひだまり", "ヒダマリ"), ("ふれあい", "フレアイ"),
    ("まごころ", "マゴコロ"), ("みどり", "ミドリ"), ("めぐみ", "メグミ"), ("ゆうあい", "ユウアイ"),
    ("わかば", "ワカバ"), ("光陽", "コウヨウ"), ("清風", "セイフウ"), ("白梅", "シラウメ"), ("春風", "ハルカゼ"),
    ("大樹", "タイジュ"), ("千川", "センカワ"), ("緑風", "リョクフウ"),
]
SUFFIXES = [("会", "カイ"), ("福祉会", "フクシカイ"), ("厚生会", "コウセイカイ"), ("愛育会", "アイイクカイ")]
FACILITY_PATTERNS = [
    ("特別養護老人ホーム{}", "トクベツヨウゴロウジンホーム{}"), ("{}デイサービス", "{}デイサービス"),
    ("{}作業所", "{}サギョウショ"), ("グループホーム{}", "グループホーム{}"), ("{}保育園", "{}ホイクエン"),
    ("{}学童クラブ", "{}ガクドウクラブ"), ("{}地域交流センター", "{}チイキコウリュウセンター"),
]
TOWNS = [("豊玉北", "176-0012"), ("光が丘", "179-0072"), ("石神井町", "177-0041"), ("東大泉", "178-0063"),
         ("桜台", "176-0002"), ("田柄", "179-0073"), ("関町北", "177-0051"), ("南大泉", "178-0064")]
SURNAMES = ["青木", "石川", "上田", "遠藤", "大野", "加藤", "木村", "小池", "斎藤", "篠原", "杉山", "関口",
            "高田", "千葉", "土屋", "中川", "西村", "野口", "橋本", "平野"]
GIVEN = ["和也", "由美", "健一", "直子", "誠", "恵子", "大輔", "真理", "浩", "美香"]
TITLES = ["施設長", "副施設長", "事務長", "生活相談員", "地域連携担当", "理事"]
IDEAS = [
    ("子ども食堂", "月に一度、施設の食堂で子ども食堂を開きます。"),
    ("フードドライブ", "家庭で余った食品を集め、必要な方に届けます。"),
    ("学習教室", "中学生の学習を職員とボランティアが支えます。"),
    ("ご近所見守りネット", "近くの法人が連携し、一人暮らしの高齢者を見守ります。"),
    ("夏祭り", "施設の庭で地域の方と一緒に夏祭りを開きます。"),
    ("認知症カフェ", "認知症の方と家族、地域の方が気軽に集えるカフェです。"),
    ("就労体験の受け入れ", "施設の清掃や調理補助で就労体験の場を提供します。"),
    ("音楽会", "利用者と地域の合唱団による音楽会です。"),
]
# Who else comes to a meeting: (organisation, title). Three of them a meeting, as at the demo's.
GUEST_BODIES = [("練馬区 福祉部", "部長"), ("練馬区 福祉部 管理課", "係長"), ("○○大学", "教授"), ("住民", ""),
                ("町会連合会", "会長"), ("民生委員・児童委員協議会", "会長")]
PROCEEDINGS = "1. 開会の挨拶\n2. 各法人の取組の報告\n3. 地域別の情報交換\n4. 各グループの報告\n5. まとめ"
DECISIONS = ["次回は地域別の情報交換を中心に行う。", "フードドライブを法人合同で実施する。",
             "各法人の社会資源を一覧にして共有する。", "ネットワークの4パターンで事業を整理する。"]
FOLLOW_UPS = [("社会資源の一覧を更新する", "事務局"), ("合同事業の案をまとめる", "幹事法人"),
              ("地域の声を集める", "各法人")]
NEED_IDEAS = [
    ("就労体験の場がほしい", "ひきこもりがちな若者が働く経験を積める場を探しています。"),
    ("食糧支援", "生活に困っている世帯に食品を届ける仕組みが必要です。"),
    ("子どもの学習支援", "放課後に学習を見てもらえる場所が地域にありません。"),
    ("高齢者の見守り", "一人暮らしの高齢者が増え、日々の見守りが足りません。"),
    ("災害時の避難の支え", "障害のある方の避難を手伝う人と場所が必要です。"),
]
RESOURCE_IDEAS = [("地域交流スペース", "平日", "10時〜16時"), ("送迎車両", "土曜日", "9時〜12時"),
                  ("厨房", "第2土曜日", "10時〜14時"), ("会議室", "平日", "18時〜20時"),
                  ("介護の出前講座", "応相談", "")]
# Generated meetings fall in these fiscal years (FY2015 is the demo's: its participation
# matrix and reports see them too).
FISCAL_YEARS = list(range(2006, 2016))


def _batched(rows, size=BATCH):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model, rows) -> list:
    """bulk_create in batches; returns the created objects (with their keys)."""
    created = []
    for batch in _batched(rows):
        created += model.objects.bulk_create(batch, batch_size=BATCH)
    return created


def _insert_quiet(model, rows) -> int:
    """bulk_create in batches, keeping nothing in memory; returns the count."""
    count = 0
    for batch in _batched(rows):
        model.objects.bulk_create(batch, batch_size=BATCH)
        count += len(batch)
    return count


class Generator:
    def __init__(self, *, seed: int = 100, report=None):
        self.rng = random.Random(seed)
        self.report = report or (lambda message: None)
        self.areas = list(Area.objects.order_by("sort_order", "pk"))
        self.types = list(ServiceType.objects.order_by("sort_order", "pk"))
        self.patterns = list(NetworkPattern.objects.order_by("number"))
        self.themes = list(Theme.objects.order_by("sort_order", "pk"))
        self.targets = list(TargetGroup.objects.order_by("sort_order", "pk"))
        # Serial numbers continue after rows generated before (a second run adds, never collides).
        self.serial = Corporation.objects.filter(name__startswith="生成").count()
        self.timings: list[tuple[str, int, float]] = []

    def _timed(self, label, work):
        """Run work (returning the rows created, or their count), report and keep its timing."""
        started = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - started
        count = result if isinstance(result, int) else len(result)
        self.timings.append((label, count, elapsed))
        self.report(f"{label}: {count:,} rows in {elapsed:.1f} s")
        return result

    def run(self, shape: Shape) -> list[tuple[str, int, float]]:
        with transaction.atomic():
            corporations = self._corporations(shape.corporations)
            facilities = self._facilities(corporations, shape.facilities)
            meetings, invitations = self._meetings(shape.meetings, shape.attendees, corporations, facilities)
            projects = self._projects(shape.projects, corporations, facilities)
            self._guests(meetings)
            self._minutes(meetings)
            self._mails(invitations)
            everyone = corporations or list(Corporation.objects.order_by("pk"))
            self._needs(shape.needs, everyone, projects)
            self._resources(shape.resources, everyone, facilities)
        return self.timings

    # --- register -------------------------------------------------------------------------

    def _corporations(self, count: int) -> list[Corporation]:
        rng = self.rng
        rows = []
        for _index in range(count):
            self.serial += 1
            n = self.serial
            stem, stem_kana = STEMS[n % len(STEMS)]
            suffix, suffix_kana = SUFFIXES[(n // len(STEMS)) % len(SUFFIXES)]
            town, postal = TOWNS[n % len(TOWNS)]
            rows.append(Corporation(
                # 生成 (generated) marks the rows as this module's; the number keeps names unique.
                name=f"生成{stem}{suffix}{n:05d}", name_kana=f"セイセイ{stem_kana}{suffix_kana}{n:05d}",
                kind=rng.choice(Corporation.Kind.values), home_area=self.areas[n % len(self.areas)],
                postal_code=postal, address=f"東京都練馬区{town}{rng.randint(1, 6)}-{rng.randint(1, 30)}",
                phone=f"03-{rng.randint(3900, 3999)}-{rng.randint(1000, 9999)}", email=f"gen{n}@example.jp",
                representative=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                is_active=rng.random() > 0.03,
            ))
        created = self._timed("corporations", lambda: _insert(Corporation, rows))
        return created

    def _facilities(self, corporations: list[Corporation], count: int) -> dict[int, list[Facility]]:
        rng = self.rng
        rows = []
        if corporations and count:
            per = [count // len(corporations)] * len(corporations)
            for index in rng.sample(range(len(corporations)), count % len(corporations)):
                per[index] += 1
            # By position, not pk: PostgreSQL's sequences go on after --reset, and the same seed
            # must give the same rows.
            for position, (corporation, how_many) in enumerate(zip(corporations, per, strict=True)):
                stem = corporation.name.removeprefix("生成")[:4]
                for number in range(how_many):
                    pattern, pattern_kana = FACILITY_PATTERNS[(position + number) % len(FACILITY_PATTERNS)]
                    town, postal = TOWNS[(position + number) % len(TOWNS)]
                    rows.append(Facility(
                        corporation=corporation, name=pattern.format(f"{stem}{number + 1}"),
                        name_kana=pattern_kana.format(f"セイセイ{number + 1}"),
                        service_type=self.types[(position + number) % len(self.types)],
                        area=corporation.home_area if number == 0 else rng.choice(self.areas),
                        postal_code=postal, address=f"東京都練馬区{town}{rng.randint(1, 6)}-{rng.randint(1, 30)}",
                        capacity=rng.choice([None, 20, 30, 50, 80]),
                    ))
        created = self._timed("facilities", lambda: _insert(Facility, rows))
        by_corporation: dict[int, list[Facility]] = {}
        for facility in created:
            by_corporation.setdefault(facility.corporation_id, []).append(facility)
        return by_corporation

    # --- meetings -------------------------------------------------------------------------

    def _meetings(self, count, attendees, corporations, facilities) -> tuple[list[Meeting], list[Invitation]]:
        if not count:
            return [], []
        # Series per fiscal year and area; meetings numbered within them.
        series_rows, meetings = {}, []
        for index in range(count):
            fiscal_year = FISCAL_YEARS[index % len(FISCAL_YEARS)]
            area = self.areas[(index // len(FISCAL_YEARS)) % len(self.areas)]
            series_rows.setdefault((fiscal_year, area.name), []).append(index)
        existing = set(MeetingSeries.objects.values_list("title", "fiscal_year"))
        series_objects = []
        for fiscal_year, area_name in series_rows:
            title = f"{area_name}地域 生成連絡会"
            suffix = 1
            while (title, fiscal_year) in existing:
                suffix += 1
                title = f"{area_name}地域 生成連絡会（{suffix}）"
            existing.add((title, fiscal_year))
            series_objects.append(MeetingSeries(title=title, fiscal_year=fiscal_year))
        created_series = _insert(MeetingSeries, series_objects)
        for series, indexes in zip(created_series, series_rows.values(), strict=True):
            for number, _index in enumerate(indexes, start=1):
                day = datetime.date(series.fiscal_year, 4, 10) + datetime.timedelta(days=(number * 11) % 350)
                starts = datetime.datetime(day.year, day.month, day.day, 14, tzinfo=TOKYO)
                meetings.append(Meeting(
                    series=series, number=number, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                    venue="練馬区役所 本庁舎 多目的会議室", status=Meeting.Status.HELD,
                ))
        created = self._timed("meetings", lambda: _insert(Meeting, meetings))
        invitations = self._invitations_and_attendees(
            created, attendees, corporations or list(Corporation.objects.all()), facilities
        )
        return created, invitations

    def _invitations_and_attendees(self, meetings, attendees, corporations, facilities):
        """Each meeting invites a sample of the register; six in ten come, two people each, who
        answered beforehand with one name."""
        rng = self.rng
        per_meeting = max(1, attendees // len(meetings))
        invited_count = min(len(corporations), max(1, round(per_meeting / 1.2)))
        invitations = []
        plan = []  # (meeting, corporation, comes)
        for meeting in meetings:
            for corporation in rng.sample(corporations, invited_count):
                roll = rng.random()
                answer = (Invitation.Answer.ATTEND if roll < 0.6 else Invitation.Answer.ABSENT if roll < 0.85
                          else Invitation.Answer.PENDING)
                answered = answer != Invitation.Answer.PENDING
                invitations.append(Invitation(
                    meeting=meeting, corporation=corporation,
                    invited_at=meeting.starts_at - datetime.timedelta(days=30),
                    answer=answer, answered_at=(meeting.starts_at - datetime.timedelta(days=7)) if answered else None,
                    is_proxy=answered,
                ))
                plan.append((meeting, corporation, answer == Invitation.Answer.ATTEND))
        created = self._timed("invitations", lambda: _insert(Invitation, invitations))
        budget = {meeting.pk: per_meeting for meeting in meetings}

        def persons():
            for invitation, (_meeting, corporation, comes) in zip(created, plan, strict=True):
                if comes:
                    its = facilities.get(corporation.pk)
                    yield RsvpPerson(
                        invitation=invitation, name=f"{SURNAMES[corporation.pk % 20]} {GIVEN[invitation.pk % 10]}",
                        title=TITLES[invitation.pk % len(TITLES)], facility=its[0] if its else None,
                        area_id=corporation.home_area_id,
                    )

        def people():
            for meeting, corporation, comes in plan:
                if not comes:
                    continue
                its = facilities.get(corporation.pk)
                for order in range(2):
                    if budget[meeting.pk] <= 0:
                        break
                    budget[meeting.pk] -= 1
                    yield Attendee(
                        meeting=meeting, corporation=corporation, facility=its[0] if its else None,
                        name=f"{SURNAMES[(corporation.pk + order) % 20]} {GIVEN[(meeting.pk + order) % 10]}{order + 1}",
                        title=TITLES[(corporation.pk + order) % len(TITLES)], area_id=corporation.home_area_id,
                        present=rng.random() < 0.95, order=order,
                    )

        self._timed("answers' names", lambda: _insert_quiet(RsvpPerson, persons()))
        self._timed("attendees", lambda: _insert_quiet(Attendee, people()))
        return created

    # --- projects ---------------------------------------------------------------------------

    def _projects(self, count, corporations, facilities) -> list[Project]:
        if not count:
            return []
        rng = self.rng
        owners = corporations or list(Corporation.objects.all())
        rows, links = [], []
        # The reading of each idea is computed once: the analyser is the slow part.
        folded = {title: search_text_of(title, summary) for title, summary in IDEAS}
        for index in range(count):
            owner = owners[index % len(owners)] if index < len(owners) else rng.choice(owners)
            title, summary = IDEAS[index % len(IDEAS)]
            state = rng.choice([PublicationState.PUBLISHED] * 6 + [PublicationState.DRAFT] * 2
                               + [PublicationState.SUBMITTED, PublicationState.WITHDRAWN])
            status = rng.choice(ProjectStatus.values)
            reviewed = rng.random() < 0.5
            last = datetime.date(2015, 4, 1) + datetime.timedelta(days=rng.randint(0, 3000)) if reviewed else None
            rows.append(Project(
                owner=owner, title=f"{title}（{owner.name.removeprefix('生成')[:6]}）", summary=summary,
                description=summary, pattern=self.patterns[index % len(self.patterns)],
                kind=ContributionKind.values[index % len(ContributionKind.values)], status=status,
                publication_state=state, ripple_score=rng.randint(1, 5), feasibility_score=rng.randint(1, 5),
                period_start=datetime.date(2015, 4, 1) + datetime.timedelta(days=rng.randint(0, 3000)),
                public_contact=f"{owner.name} 地域公益活動担当",
                search_text=f"{folded[title]} {owner.name_kana}",
                last_reviewed_on=last, next_review_on=last + datetime.timedelta(days=182) if last else None,
            ))
            links.append((owner, rng.sample(owners, 1) if rng.random() < 0.2 else []))
        created = self._timed("projects", lambda: _insert(Project, rows))
        areas, themes, targets, partners, its_facilities = [], [], [], [], []
        published, published_areas, published_themes = [], [], []
        for project, (owner, partner_list) in zip(created, links, strict=True):
            area = owner.home_area_id
            theme = self.themes[project.pk % len(self.themes)]
            areas.append(Project.areas.through(project_id=project.pk, area_id=area))
            themes.append(Project.themes.through(project_id=project.pk, theme_id=theme.pk))
            targets.append(Project.target_groups.through(
                project_id=project.pk, targetgroup_id=self.targets[project.pk % len(self.targets)].pk
            ))
            for partner in partner_list:
                if partner.pk != owner.pk:
                    partners.append(Project.partners.through(project_id=project.pk, corporation_id=partner.pk))
            owned = facilities.get(owner.pk)
            if owned:
                its_facilities.append(Project.facilities.through(project_id=project.pk, facility_id=owned[0].pk))
            if project.publication_state in (PublicationState.PUBLISHED, PublicationState.WITHDRAWN):
                published.append(PublishedProject(
                    project=project, is_public=project.publication_state == PublicationState.PUBLISHED,
                    owner=owner, pattern=project.pattern, title=project.title, summary=project.summary,
                    description=project.description, kind=project.kind, status=project.status,
                    period_start=project.period_start, public_contact=project.public_contact,
                    search_text=project.search_text, published_at=timezone.now(),
                    facility_names=[owned[0].name] if owned else [],
                ))
                published_areas.append(PublishedProject.areas.through(publishedproject_id=project.pk, area_id=area))
                published_themes.append(
                    PublishedProject.themes.through(publishedproject_id=project.pk, theme_id=theme.pk)
                )

        def links_work():
            total = 0
            for model, batch in [
                (Project.areas.through, areas), (Project.themes.through, themes),
                (Project.target_groups.through, targets), (Project.partners.through, partners),
                (Project.facilities.through, its_facilities), (PublishedProject, published),
                (PublishedProject.areas.through, published_areas), (PublishedProject.themes.through, published_themes),
            ]:
                total += _insert_quiet(model, batch)
            return total

        self._timed("projects' links and published copies", links_work)
        return created

    # --- what a held meeting leaves: guests, minutes, the mails sent -------------------------

    def _guests(self, meetings: list[Meeting]) -> None:
        """Three guests a meeting (the ward, a lecturer, residents …); most answered and came."""
        rng = self.rng

        def rows():
            for position, meeting in enumerate(meetings):
                for index, (organisation, title) in enumerate(rng.sample(GUEST_BODIES, 3)):
                    roll = rng.random()
                    answer = (Invitation.Answer.ATTEND if roll < 0.8 else Invitation.Answer.ABSENT if roll < 0.9
                              else Invitation.Answer.PENDING)
                    yield Guest(
                        meeting=meeting, organisation=organisation, title=title,
                        name=f"{SURNAMES[(position + index) % len(SURNAMES)]} {GIVEN[(position + index) % len(GIVEN)]}",
                        answer=answer,
                        answered_at=None if answer == Invitation.Answer.PENDING
                        else meeting.starts_at - datetime.timedelta(days=5),
                        area=self.areas[(position + index) % len(self.areas)] if self.areas else None,
                        present=answer == Invitation.Answer.ATTEND and rng.random() < 0.9,
                    )

        self._timed("guests", lambda: _insert_quiet(Guest, rows()))

    def _minutes(self, meetings: list[Meeting]) -> None:
        """Minutes of every held meeting: the proceedings, two decisions, one or two follow-ups."""
        rng = self.rng
        held = [meeting for meeting in meetings if meeting.status == Meeting.Status.HELD]

        def work():
            minutes = _insert(Minutes, (
                Minutes(
                    meeting=meeting, recorder=f"{SURNAMES[position % len(SURNAMES)]} {GIVEN[position % len(GIVEN)]}",
                    proceedings=PROCEEDINGS,
                )
                for position, meeting in enumerate(held)
            ))
            decisions, follow_ups = [], []
            for position, (record, meeting) in enumerate(zip(minutes, held, strict=True)):
                for order in (1, 2):
                    decisions.append(MinutesDecision(
                        minutes=record, order=order, text=DECISIONS[(position + order) % len(DECISIONS)]
                    ))
                for order in range(1, rng.randint(1, 2) + 1):
                    task, owner = FOLLOW_UPS[(position + order) % len(FOLLOW_UPS)]
                    follow_ups.append(MinutesFollowUp(
                        minutes=record, order=order, task=task, owner=owner,
                        due_on=timezone.localdate(meeting.starts_at) + datetime.timedelta(days=60),
                        done=rng.random() < 0.7,
                    ))
            return len(minutes) + _insert_quiet(MinutesDecision, decisions) + _insert_quiet(MinutesFollowUp, follow_ups)

        self._timed("minutes, decisions and follow-ups", work)

    def _mails(self, invitations: list[Invitation]) -> None:
        """The mails of the newest generated year's meetings (the mail queue came with that year):
        an invitation to each invited corporation with an address, a reminder to those that never
        answered; nearly all sent, a few failed."""
        rng = self.rng
        newest = max((i.meeting.series.fiscal_year for i in invitations), default=None)
        plan = []  # (invitation, kind)
        for invitation in invitations:
            if invitation.meeting.series.fiscal_year != newest or not invitation.corporation.email:
                continue
            plan.append((invitation, MeetingMail.Kind.INVITATION))
            if invitation.answer == Invitation.Answer.PENDING:
                plan.append((invitation, MeetingMail.Kind.REMINDER))

        def work():
            count = 0
            for batch in _batched(plan):
                emails = Email.objects.bulk_create([
                    Email(
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[i.corporation.email],
                        subject=f"{i.meeting.series.title} 第{i.meeting.number}回のご案内", message="（生成した本文）",
                        html_message="", status=STATUS.failed if rng.random() < 0.02 else STATUS.sent,
                    )
                    for i, _kind in batch
                ], batch_size=BATCH)
                MeetingMail.objects.bulk_create([
                    MeetingMail(meeting=i.meeting, corporation_id=i.corporation_id, kind=kind, email=email,
                                created_at=i.invited_at if kind == MeetingMail.Kind.INVITATION
                                else i.meeting.starts_at - datetime.timedelta(days=10))
                    for (i, kind), email in zip(batch, emails, strict=True)
                ], batch_size=BATCH)
                count += len(batch)
            return count

        self._timed("meeting mails (and the queue's rows)", work)

    # --- needs and resources ------------------------------------------------------------------

    def _needs(self, count: int, corporations: list[Corporation], projects: list[Project]) -> None:
        """Local needs (one in five an individual case), each with its status changes; the needs
        being asked or answered with offer requests to two corporations; some with a project."""
        staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk").first()
        if not count or staff is None or not corporations:
            return
        rng = self.rng
        kinds = list(ResourceKind.objects.order_by("sort_order", "pk"))
        now = timezone.now()
        rows = []
        for position in range(count):
            is_case = position % 5 == 4
            title, description = NEED_IDEAS[position % len(NEED_IDEAS)]
            status = rng.choice(NeedStatus.values)
            published = not is_case and rng.random() < 0.3
            received = datetime.date(2015, 4, 1) + datetime.timedelta(days=rng.randint(0, 3000))
            rows.append(Need(
                kind=NeedKind.CASE if is_case else NeedKind.ISSUE, title=f"{title}（{position + 1}）",
                description=description, source=rng.choice(NeedSource.values), received_on=received,
                urgency=rng.choice(Urgency.values), in_charge=staff, created_by=staff,
                age_band=rng.choice(AgeBand.values) if is_case else "", status=status,
                status_changed_at=now if status != NeedStatus.RECEIVED else None,
                outcome="関係する法人と話し合い、対応を決めました。" if status in CLOSED_STATUSES else "",
                visibility=(Visibility.PUBLIC if rng.random() < 0.5 else Visibility.MEMBERS) if published
                else Visibility.STAFF,
                public_title=title if published else "", public_description=description if published else "",
                published_at=now if published else None, published_by=staff if published else None,
            ))

        def work():
            needs = _insert(Need, rows)
            areas, themes, wanted, changes, offers, answers = [], [], [], [], [], []
            for position, need in enumerate(needs):
                areas.append(Need.areas.through(need_id=need.pk, area_id=self.areas[position % len(self.areas)].pk))
                if self.themes:
                    theme = self.themes[position % len(self.themes)]
                    themes.append(Need.themes.through(need_id=need.pk, theme_id=theme.pk))
                if kinds:
                    wanted.append(Need.resource_kinds.through(
                        need_id=need.pk, resourcekind_id=kinds[position % len(kinds)].pk
                    ))
                received = datetime.datetime.combine(need.received_on, datetime.time(10), tzinfo=TOKYO)
                changes.append(NeedStatusChange(need=need, from_status="", to_status=NeedStatus.RECEIVED,
                                                changed_at=received, changed_by=staff))
                if need.status != NeedStatus.RECEIVED:
                    changes.append(NeedStatusChange(
                        need=need, from_status=NeedStatus.RECEIVED, to_status=need.status, note=need.outcome,
                        changed_at=received + datetime.timedelta(days=14), changed_by=staff,
                    ))
                if need.status in (NeedStatus.ASKING, NeedStatus.IN_PROGRESS, NeedStatus.RESOLVED):
                    for number, corporation in enumerate(rng.sample(corporations, min(2, len(corporations)))):
                        sent = received + datetime.timedelta(days=3)
                        status = rng.choice(OfferStatus.values) if need.status == NeedStatus.ASKING else (
                            OfferStatus.ACCEPTED if number == 0 else OfferStatus.DECLINED
                        )
                        answered = status != OfferStatus.PENDING
                        offers.append(OfferRequest(
                            need=need, corporation=corporation, message="ご協力いただけるか、ご検討ください。",
                            sent_at=sent, sent_by=staff, status=status,
                            answered_at=sent + datetime.timedelta(days=2) if answered else None,
                            answered_by=staff if answered else None,
                            is_engaged=status == OfferStatus.ACCEPTED and need.status != NeedStatus.ASKING,
                        ))
                if projects and position % 10 == 0:
                    answers.append(NeedProject(need=need, project=projects[position % len(projects)], linked_by=staff))
            return len(needs) + sum(_insert_quiet(model, batch) for model, batch in (
                (Need.areas.through, areas), (Need.themes.through, themes), (Need.resource_kinds.through, wanted),
                (NeedStatusChange, changes), (OfferRequest, offers), (NeedProject, answers),
            ))

        self._timed("needs, their status changes, offer requests and projects", work)

    def _resources(self, count: int, corporations: list[Corporation], facilities: dict[int, list[Facility]]) -> None:
        """What the corporations offer: every other resource at one of the corporation's facilities."""
        kinds = list(ResourceKind.objects.order_by("sort_order", "pk"))
        if not count or not kinds or not corporations:
            return
        rng = self.rng
        rows = []
        for position in range(count):
            corporation = corporations[position % len(corporations)]
            its = facilities.get(corporation.pk)
            title, days, hours = RESOURCE_IDEAS[position % len(RESOURCE_IDEAS)]
            rows.append(Resource(
                corporation=corporation, facility=its[0] if its and position % 2 == 0 else None,
                kind=kinds[position % len(kinds)], title=f"{title}（{position + 1}）", days=days, hours=hours,
                fee=rng.choice(Fee.values), capacity=rng.choice([None, 5, 10, 30]),
                is_available=rng.random() > 0.1, is_public=rng.random() < 0.4,
                contact_name=corporation.representative or "地域公益活動担当", contact_phone=corporation.phone,
            ))
        self._timed("resources", lambda: _insert_quiet(Resource, rows))


# --- starting again ---------------------------------------------------------------------------

# Rows the migrations seed (vocabularies) and Django's own tables stay; everything else goes.
KEPT = {
    "contenttypes.contenttype", "auth.permission", "auth.group", "auth.group_permissions",
    "corporations.area", "corporations.servicetype", "contributions.networkpattern", "contributions.theme",
    "contributions.targetgroup", "needs.resourcekind",
}


def wipe() -> list[str]:
    """Delete every row but the vocabularies the migrations seed: a clean database for the demo
    and the scale rows. Returns the tables emptied."""
    tables = [
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in KEPT and model._meta.managed and not model._meta.proxy
    ]
    tables = sorted(set(tables))
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            # Inside a longer transaction (a test), rows inserted earlier leave deferred foreign-key
            # checks pending, and TRUNCATE refuses a table with pending checks: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables)} RESTART IDENTITY")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.disable_constraint_checking()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"DELETE FROM {quote(table)}")
        finally:
            connection.enable_constraint_checking()
    return tables
