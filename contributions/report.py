"""The project report: pattern × area counts and lists per area and per pattern.

Built in Python from three lists read once (projects with their areas, areas, patterns),
so the number of queries does not grow with the number of projects.
"""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.wareki import format_wareki

from .models import ProjectStatus, PublicationState


@dataclass
class Report:
    patterns: list
    areas: list
    rows: list = field(default_factory=list)  # [(pattern, [count per area], total)]
    column_totals: list = field(default_factory=list)
    total: int = 0
    by_area: list = field(default_factory=list)  # [(area, [projects])]
    by_pattern: list = field(default_factory=list)  # [(pattern, [projects])]
    without_area: list = field(default_factory=list)


def _related(project, name: str) -> list:
    """A project's areas or partners as a list, kept on it as `<name>_list`: read so by the report's
    page (report_page_columns prefetches into those lists, without a related manager and a queryset
    for every project, most of a page's read), otherwise from the manager's prefetched rows."""
    attribute = f"{name}_list"
    related = getattr(project, attribute, None)
    if related is None:
        related = list(getattr(project, name).all())
        setattr(project, attribute, related)
    return related


def label_projects(projects, patterns):
    """Each project's labels as the report's lists print them (status, state, pattern, areas, partners)."""
    # Each project appears in several lists: translate the labels and join the names once,
    # not once per row (get_FOO_display translates on every call).
    statuses = {value: str(label) for value, label in ProjectStatus.choices}
    states = {value: str(label) for value, label in PublicationState.choices}
    pattern_names = {pattern.pk: str(pattern) for pattern in patterns}
    for project in projects:
        project.status_label = statuses.get(project.status, project.status)
        project.state_label = states.get(project.publication_state, project.publication_state)
        project.pattern_label = pattern_names.get(project.pattern_id, "")
        project.area_names = "・".join(area.name for area in _related(project, "areas"))
        project.partner_names = "、".join(partner.name for partner in _related(project, "partners"))


def page_tables(report: Report) -> tuple[list, list]:
    """The page's tables, per area and per pattern, each as (area or pattern, projects, the rows'
    HTML): each project's row written once for the tables by area (its pattern) and once for those
    by pattern (its areas), not by the table's template in every table it is in (some 20 lookups
    and three date filters a row). Byte for byte what that template wrote, whitespace included
    (contributions/_report_table.html)."""
    joint = escape(_("共同"))
    by_area, by_pattern = {}, {}
    shown = {project.pk: project for _group, projects in [*report.by_area, *report.by_pattern] for project in projects}
    for project in shown.values():
        owner = escape(str(project.owner.name))
        if project.partner_names:
            owner += f"<br><small>{joint}: {escape(project.partner_names)}</small>"
        day = project.last_reviewed_on
        reviewed = (
            f'<time datetime="{day.isoformat()}" title="{escape(format_wareki(day))}">'
            f"{escape(format_wareki(day, short=True))}</time>" if day else "—"
        )
        head = (
            f'\n    <tr><th scope="row" class="long-name">{escape(str(project.title))}</th>'
            f'<td class="long-name">{owner}</td>\n'
        )
        tail = (
            f'\n      <td class="nowrap">{escape(str(project.status_label))}</td><td class="nowrap">'
            f'{escape(str(project.state_label))}</td><td class="date">{reviewed}</td></tr>\n  '
        )
        by_area[project.pk] = f'{head}      <td class="long-name">{escape(str(project.pattern_label))}</td>{tail}'
        by_pattern[project.pk] = f'{head}      <td class="long-name">{escape(project.area_names)}</td>{tail}'

    def tables(groups, rows):
        return [(group, projects, mark_safe("".join(rows[p.pk] for p in projects)))  # noqa: S308 - escaped above
                for group, projects in groups]

    return tables(report.by_area, by_area), tables(report.by_pattern, by_pattern)


def build(projects, areas, patterns) -> Report:
    projects = list(projects)
    report = Report(patterns=list(patterns), areas=list(areas))
    label_projects(projects, report.patterns)
    area_index = {area.pk: i for i, area in enumerate(report.areas)}
    counts = {p.pk: [0] * len(report.areas) for p in report.patterns}
    lists = {area.pk: [] for area in report.areas}
    per_pattern = {p.pk: [] for p in report.patterns}
    for project in projects:
        per_pattern.setdefault(project.pattern_id, []).append(project)
        project_areas = project.areas_list  # (label_projects)
        if not project_areas:
            report.without_area.append(project)
        for area in project_areas:
            if area.pk in area_index:
                counts.setdefault(project.pattern_id, [0] * len(report.areas))[area_index[area.pk]] += 1
                lists[area.pk].append(project)
    for pattern in report.patterns:
        row = counts[pattern.pk]
        report.rows.append((pattern, row, len(per_pattern[pattern.pk])))
    report.column_totals = [len(lists[area.pk]) for area in report.areas]
    report.total = len(projects)
    report.by_area = [(area, lists[area.pk]) for area in report.areas]
    report.by_pattern = [(pattern, per_pattern[pattern.pk]) for pattern in report.patterns]
    return report


def export_header():
    return [
        _("事業名"), _("実施法人"), _("共同実施法人"), _("ネットワークのパターン"), _("地域"), _("貢献の種類"),
        _("実施状況"), _("公開状態"), _("開始日"), _("終了日"), _("夢の明るさ・波及効果"), _("実現可能性"),
        _("積"), _("最終振り返り日"), _("次回振り返り予定日"),
    ]


def export_rows(projects):
    for p in projects:
        yield [
            p.title, p.owner.name, "、".join(c.name for c in p.partners.all()), str(p.pattern),
            "、".join(a.name for a in p.areas.all()), p.get_kind_display(), p.get_status_display(),
            p.get_publication_state_display(), p.period_start, p.period_end, p.ripple, p.feasibility,
            p.score, p.last_reviewed_on, p.next_review_on,
        ]


def crosstab_rows(report: Report):
    for pattern, counts, total in report.rows:
        yield [str(pattern), *counts, total]
    yield [_("合計（地域別は延べ数）"), *report.column_totals, report.total]
