"""Timings of the catalogue, the board and the report at 50 and 500 projects.

`make bench`; results are written down in benchmarks/contributions.md. Prints the median
of several requests and the number of queries each made.
"""


import pytest
from django.db import connection
from django.urls import reverse

from benchmarks.timing import median_get
from contributions import services
from contributions.models import NetworkPattern, Project, TargetGroup, Theme
from corporations.models import Area
from tests.factories import CorporationFactory

RUNS = 7


def _build(world, count):
    areas = list(Area.objects.all())
    patterns = list(NetworkPattern.objects.all())
    themes = list(Theme.objects.all())
    targets = list(TargetGroup.objects.all())
    owners = [CorporationFactory() for _ in range(60)]
    for index in range(count):
        project = services.project_create(
            owner=owners[index % 60], acting_user=world.staff,
            title=f"地域の子どもショクドウ{index}", summary="施設の食堂で月に一度ひらきます。",
            description="<p>地域の子どもと高齢者が<strong>一緒に</strong>食べます。</p>",
            pattern=patterns[index % 4], kind="place", status="active",
            ripple_score=index % 5 + 1, feasibility_score=(index * 3) % 5 + 1,
            areas=[areas[index % 4], areas[(index + 1) % 4]], themes=themes[index % 5: index % 5 + 2],
            target_groups=targets[index % 3: index % 3 + 2], partners=[owners[(index + 1) % 60]],
        )
        if index % 5:
            services.project_submit(project=project, acting_user=world.staff)
            services.project_publish(project=project, acting_user=world.staff, expected_version=project.version)
        services.review_create(project=project, acting_user=world.staff, reviewed_on="2015-10-29", stage="do")


@pytest.mark.parametrize("count", [50, 500])
def test_bench_catalogue_board_report(world, staff_client, client, count):
    _build(world, count)
    assert Project.objects.count() == count
    oizumi = Area.objects.get(name="大泉")
    rows = [
        ("catalogue", client, reverse("catalogue:index"), None),
        ("catalogue filtered", client, reverse("catalogue:index"), {"area": oizumi.pk, "q": "ｼｮｸﾄﾞｳ 子ども"}),
        ("board", staff_client, reverse("contributions:board"), None),
        ("report", staff_client, reverse("contributions:report"), None),
        ("report.xlsx", staff_client, reverse("contributions:report_xlsx"), None),
        ("project list", staff_client, reverse("contributions:list"), None),
    ]
    print(f"\n{count} projects ({connection.vendor})")
    for name, who, url, params in rows:
        median, queries = median_get(who, url, params, runs=RUNS)
        print(f"  {name:20s} {median:8.1f} ms  {queries:3d} queries")
