"""Projects with their links and published copies."""

from __future__ import annotations

import datetime

from django.utils import timezone

from contributions.models import ContributionKind, Project, ProjectStatus, PublicationState, PublishedProject
from contributions.search import search_text_of
from corporations.models import Corporation

from .inserts import insert, insert_quiet
from .words import IDEAS


class ProjectRows:
    """Projects with their links and published copies.

    A part of Generator: self.rng, self.areas … and self._timed come from it.
    """

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
        created = self._timed("projects", lambda: insert(Project, rows))
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
                total += insert_quiet(model, batch)
            return total

        self._timed("projects' links and published copies", links_work)
        return created

