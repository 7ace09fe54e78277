"""The generator: each kind of row comes from its own part (register, meetings, projects, needs)."""

from __future__ import annotations

import random
import time

from django.db import transaction

from contributions.models import NetworkPattern, TargetGroup, Theme
from corporations.models import Area, Corporation, ServiceType

from .meetings import MeetingRows
from .needs import NeedRows
from .projects import ProjectRows
from .register import RegisterRows
from .shape import Shape


class Generator(RegisterRows, MeetingRows, ProjectRows, NeedRows):
    """Writes a Shape of rows in one transaction; run() returns (label, rows, seconds) per step."""

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

