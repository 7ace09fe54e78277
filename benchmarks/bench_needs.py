"""Timings of the needs list, a need's candidates, the area table and the resource
directory at 1×, 10× and 100× a ward's network.

1× is one ward: 63 corporations with 2 facilities and 3 resources each (189 resources),
20 needs with 3 offer requests each, 20 projects. 100× is 6 300 corporations and
18 900 resources. The rows are bulk-inserted (the services would take minutes at 100×
and the pages read the same tables). `make bench`; results in benchmarks/needs.md.
"""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from benchmarks.rows import link
from benchmarks.timing import median_get
from contributions.models import NetworkPattern, Project, PublishedProject, Theme
from corporations.models import Area, Corporation, Facility, ServiceType
from needs.models import Need, NeedStatus, OfferRequest, OfferStatus, Resource, ResourceKind

RUNS = 5
CORPORATIONS = 63
NEEDS = 20


def _build(world, scale):
    areas = list(Area.objects.order_by("pk"))
    types = list(ServiceType.objects.order_by("pk"))
    kinds = list(ResourceKind.objects.order_by("pk"))
    themes = list(Theme.objects.order_by("pk"))
    pattern = NetworkPattern.objects.get(number=3)
    count = CORPORATIONS * scale
    corporations = Corporation.objects.bulk_create([
        Corporation(name=f"社会福祉法人ベンチ{scale}-{i}会", name_kana=f"ベンチ{i:06d}", home_area=areas[i % 4])
        for i in range(count)
    ])
    facilities = Facility.objects.bulk_create([
        Facility(corporation=c, name=f"施設{i}-{f}", name_kana=f"シセツ{i:06d}{f}",
                 service_type=types[(i + f) % len(types)], area=areas[(i + f) % 4])
        for i, c in enumerate(corporations) for f in range(2)
    ])
    Resource.objects.bulk_create([
        Resource(corporation=f.corporation, facility=f if r < 2 else None, kind=kinds[(i + r) % len(kinds)],
                 title=f"資源{i}-{r}", contact_name="担当", is_available=(i + r) % 7 != 0, is_public=r == 0)
        for i, f in enumerate(facilities[::2]) for r in range(3)
    ], batch_size=2000)
    now = timezone.now()
    needs = Need.objects.bulk_create([
        Need(title=f"ニーズ{n}", description="説明", source="csw", received_on=datetime.date(2015, 10, 1),
             in_charge=world.staff, created_by=world.staff,
             status=[NeedStatus.RECEIVED, NeedStatus.ASKING, NeedStatus.IN_PROGRESS][n % 3],
             visibility="members" if n % 2 else "staff", public_title=f"公開{n}" if n % 2 else "",
             published_at=now if n % 2 else None, published_by=world.staff if n % 2 else None)
        for n in range(NEEDS * scale)
    ], batch_size=2000)
    link(Need.areas, needs, lambda i: [areas[i % 4]])
    link(Need.themes, needs, lambda i: [themes[i % 6]])
    link(Need.resource_kinds, needs, lambda i: [kinds[(i + k) % len(kinds)] for k in range(2)])
    OfferRequest.objects.bulk_create([
        OfferRequest(need=n, corporation=corporations[(i * 3 + k) % count], sent_at=now, sent_by=world.staff,
                     status=OfferStatus.ACCEPTED if k == 0 else OfferStatus.PENDING,
                     answered_at=now if k == 0 else None, answered_by=world.staff if k == 0 else None)
        for i, n in enumerate(needs) for k in range(3)
    ] + [OfferRequest(need=n, corporation=world.corp_a, sent_at=now, sent_by=world.staff) for n in needs[::4]],
        batch_size=2000)
    projects = Project.objects.bulk_create([
        Project(owner=corporations[(i * 7) % count], title=f"事業{i}", summary="概要", pattern=pattern, kind="place",
                status="active", publication_state="published")
        for i in range(NEEDS * scale)
    ], batch_size=2000)
    link(Project.themes, projects, lambda i: [themes[i % 6]])
    link(Project.areas, projects, lambda i: [areas[i % 4]])
    published = PublishedProject.objects.bulk_create([
        PublishedProject(project=p, owner=p.owner, pattern=pattern, title=p.title, summary=p.summary, kind="place",
                         status="active", published_at=now)
        for p in projects
    ], batch_size=2000)
    link(PublishedProject.themes, published, lambda i: [themes[i % 6]])
    link(PublishedProject.areas, published, lambda i: [areas[i % 4]])
    return needs[0]


@pytest.mark.parametrize("scale", [1, 10, 100])
def test_bench_needs(world, staff_client, editor_a_client, scale):
    need = _build(world, scale)
    hikarigaoka = Area.objects.get(name="光が丘")
    rows = [
        ("needs list (staff)", staff_client, reverse("needs:list"), None),
        ("needs list (member)", editor_a_client, reverse("needs:list"), None),
        ("candidates", staff_client, reverse("needs:candidates", kwargs={"pk": need.pk}), None),
        (
            "candidates by area",
            staff_client,
            reverse("needs:candidates", kwargs={"pk": need.pk}),
            {"area": hikarigaoka.pk},
        ),
        ("area table by theme", staff_client, reverse("needs:areas"), None),
        ("area table by kind", staff_client, reverse("needs:areas"), {"by": "kind"}),
        ("area table .xlsx", staff_client, reverse("needs:areas_xlsx"), {"by": "kind"}),
        ("resource directory", editor_a_client, reverse("needs:resources"), None),
        ("resources by area", editor_a_client, reverse("needs:resources"), {"area": hikarigaoka.pk}),
    ]
    print(f"\n{scale}×: {Corporation.objects.count()} corporations, {Resource.objects.count()} resources, "
          f"{Need.objects.count()} needs, {OfferRequest.objects.count()} offer requests ({connection.vendor})")
    for name, who, url, params in rows:
        median, queries = median_get(who, url, params, runs=RUNS)
        print(f"  {name:22s} {median:8.1f} ms  {queries:3d} queries")
