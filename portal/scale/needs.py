"""Needs with their status changes and offer requests; resources."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from contributions.models import Project
from corporations.models import Corporation, Facility
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

from .inserts import insert, insert_quiet
from .words import NEED_IDEAS, RESOURCE_IDEAS, TOKYO


class NeedRows:
    """Needs with their status changes and offer requests; resources.

    A part of Generator: self.rng, self.areas … and self._timed come from it.
    """

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
            needs = insert(Need, rows)
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
            return len(needs) + sum(insert_quiet(model, batch) for model, batch in (
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
        self._timed("resources", lambda: insert_quiet(Resource, rows))


