"""The needs-and-resources table: area × theme (open needs, projects) or area × resource
kind (open needs, resources), each row with the area's totals of open needs, resources and
projects. It shows where needs have no answer yet.

Built from a fixed number of reads (areas, the columns, the open needs' ids with their areas
and columns, the projects' ids with theirs, and the resources counted per area and kind in
SQL), so the number of queries does not grow with the register. Resources are counted by the
database: a resource sits in exactly one cell (one area, one kind), so one GROUP BY gives every
cell, row and column total (at 100x the page used to read 11,000 resource ids and group them in
Python). A need with no area is ward-wide (区全域): its row is answered by anything anywhere in
the ward.
"""

from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from contributions.models import ProjectStatus, PublishedProject, Theme
from corporations.models import Area, Facility

from .models import OPEN_STATUSES, Resource, ResourceKind

THEME = "theme"
KIND = "kind"
AXES = (THEME, KIND)
WARD = None  # the row key of ward-wide needs


@dataclass
class Cell:
    needs: int = 0
    answers: int = 0

    @property
    def unanswered(self) -> bool:
        """Open needs here, and nothing yet that answers them."""
        return self.needs > 0 and self.answers == 0


@dataclass
class Row:
    label: str
    cells: list
    needs: int = 0
    resources: int = 0
    projects: int = 0

    @property
    def unanswered(self) -> bool:
        return any(cell.unanswered for cell in self.cells)


@dataclass
class AreaTable:
    axis: str
    columns: list
    rows: list = field(default_factory=list)

    @property
    def answer_label(self) -> str:
        return _("事業") if self.axis == THEME else _("資源")

    @property
    def unanswered_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.unanswered)


def _group(pairs):
    """{(row key, column key): {ids}} and {row key: {ids}} from (id, row, column) triples."""
    cells, rows = {}, {}
    for pk, row, column in pairs:
        rows.setdefault(row, set()).add(pk)
        if column is not None:
            cells.setdefault((row, column), set()).add(pk)
    return cells, rows


def _project_rows():
    """What answers a theme: projects in the public catalogue, still running."""
    return (
        PublishedProject.objects.filter(is_public=True).exclude(status=ProjectStatus.ENDED).order_by()
        .values_list("pk", "areas", "themes")
    )


def _resource_counts():
    """{(area, kind): count} of the available resources, by where they are: the facility's
    area, else the corporation's home. The facility's area is a subquery by primary key, not a
    join: a join made PostgreSQL read every facility of the register to find a few thousand."""
    facility_area = Subquery(Facility.objects.filter(pk=OuterRef("facility_id")).order_by().values("area")[:1])
    counted = (
        Resource.objects.filter(is_available=True, corporation__is_active=True).order_by()
        .annotate(where=Coalesce(facility_area, F("corporation__home_area"), output_field=BigIntegerField()))
        .values("where", "kind").annotate(count=Count("pk")).values_list("where", "kind", "count")
    )
    return {(where, kind): count for where, kind, count in counted}


def _totals(counts: dict, index: int) -> dict:
    """Sums of {(row, column): count} per row (index 0) or per column (index 1)."""
    totals = {}
    for key, count in counts.items():
        totals[key[index]] = totals.get(key[index], 0) + count
    return totals


def _union(groups) -> set:
    return set().union(*groups) if groups else set()


def build(needs, *, axis: str) -> AreaTable:
    """`needs`: the needs the viewer may see (selectors.visible_needs). Each row also
    totals the area's open needs, resources and projects, whichever the columns."""
    axis = axis if axis in AXES else THEME
    areas = list(Area.objects.filter(is_active=True).order_by("sort_order", "name"))
    open_needs = needs.filter(status__in=OPEN_STATUSES).order_by()
    if axis == THEME:
        columns = list(Theme.objects.filter(is_active=True).order_by("sort_order", "name"))
        need_cells, need_rows = _group(open_needs.values_list("pk", "areas", "themes"))
    else:
        columns = list(ResourceKind.objects.filter(is_active=True).order_by("sort_order", "name"))
        need_cells, need_rows = _group(open_needs.values_list("pk", "areas", "resource_kinds"))
    project_cells, project_rows = _group(_project_rows())
    resource_cells = _resource_counts()
    resource_rows = _totals(resource_cells, 0)
    if axis == THEME:  # a project may have several areas and themes: distinct ids
        answers = {key: len(ids) for key, ids in project_cells.items()}
        ward_answers = {
            column: len(_union([ids for (_row, col), ids in project_cells.items() if col == column]))
            for column in (c.pk for c in columns)
        }
    else:  # a resource is in one area and of one kind: plain sums
        answers, ward_answers = resource_cells, _totals(resource_cells, 1)
    column_ids = [c.pk for c in columns]
    table = AreaTable(axis=axis, columns=columns)
    for area in areas:
        cells = [Cell(len(need_cells.get((area.pk, c), ())), answers.get((area.pk, c), 0)) for c in column_ids]
        table.rows.append(Row(area.name, cells, needs=len(need_rows.get(area.pk, ())),
                              resources=resource_rows.get(area.pk, 0),
                              projects=len(project_rows.get(area.pk, ()))))
    # Ward-wide needs: answered by anything in any area.
    cells = [Cell(len(need_cells.get((WARD, c), ())), ward_answers.get(c, 0)) for c in column_ids]
    table.rows.append(Row(_("区全域"), cells, needs=len(need_rows.get(WARD, ())),
                          resources=sum(resource_cells.values()),
                          projects=len(_union(list(project_rows.values())))))
    return table


def export_totals_header() -> list[str]:
    return [_("地域"), _("未完了のニーズ"), _("提供できる社会資源"), _("応える事業（公開中）")]


def export_totals(table: AreaTable):
    for row in table.rows:
        yield [row.label, row.needs, row.resources, row.projects]


def export_header(table: AreaTable) -> list[str]:
    column = _("テーマ") if table.axis == THEME else _("資源の種類")
    return [_("地域"), column, _("未完了のニーズ"), table.answer_label, _("未対応")]


def export_rows(table: AreaTable):
    for row in table.rows:
        for column, cell in zip(table.columns, row.cells, strict=True):
            yield [row.label, column.name, cell.needs, cell.answers, _("未対応") if cell.unanswered else ""]
