"""The ripple × feasibility board as plain data for a server-rendered SVG.

x = 実現可能性 (feasibility), y = 夢の明るさ・波及効果 (ripple), both 1–5. Projects on the
same grid point are spread on rings around it, spaced so that no dot covers another.

Each dot carries its rank in the table beside the board and a shape per network pattern
(① circle, ② square, ③ triangle, ④ diamond) as well as the pattern's colour, so that the
board reads on a black-and-white print.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import ProjectStatus

WIDTH = 640
HEIGHT = 560
LEFT = 70
RIGHT = 20
TOP = 20
BOTTOM = 60
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
STEP_X = PLOT_W / 5
STEP_Y = PLOT_H / 5


# Half the size of a dot; dots on a ring are at least SPACING apart (centre to centre).
DOT_SIZE = 10
SPACING = 2 * DOT_SIZE + 6
RING_GAP = 26
SHAPES = {1: "circle", 2: "square", 3: "triangle", 4: "diamond"}


@dataclass
class Shape:
    kind: str  # circle, square, triangle or diamond; patterns past ④ are circles
    x: float
    y: float
    size: float = DOT_SIZE
    points: str = ""  # a polygon's corners
    text_y: float = 0.0  # where the number sits (a triangle's is lower: its centroid)

    @property
    def corner_x(self):
        return round(self.x - self.size * 0.9, 1)

    @property
    def corner_y(self):
        return round(self.y - self.size * 0.9, 1)

    @property
    def side(self):
        return round(self.size * 1.8, 1)

    def element(self, color: str, number: int) -> str:
        """The mark as an SVG element. Written here, once for the dots and the legend, rather than by
        a template included for each dot: the board draws up to a page of them (about a third of the
        page's time went to that include and to localizing its coordinates). Plain strings, each value
        escaped as format_html would (its lazy-aware escaping was most of what was left)."""
        color, number = escape(str(color)), escape(str(number))
        if self.kind == "square":
            return mark_safe(  # noqa: S308 - every value escaped above or a number
                f'<rect x="{self.corner_x}" y="{self.corner_y}" width="{self.side}" height="{self.side}" '
                f'fill="{color}" stroke="#000" stroke-width="1.2" data-pattern="{number}"/>'
            )
        if self.kind in ("triangle", "diamond"):
            return mark_safe(  # noqa: S308 - every value escaped
                f'<polygon points="{escape(self.points)}" fill="{color}" stroke="#000" stroke-width="1.2" '
                f'data-pattern="{number}" data-shape="{self.kind}"/>'
            )
        return mark_safe(  # noqa: S308 - every value escaped above or a number
            f'<circle cx="{self.x}" cy="{self.y}" r="{self.size}" fill="{color}" stroke="#000" stroke-width="1.2" '
            f'data-pattern="{number}"/>'
        )


def shape(number: int, x: float, y: float, size: float = DOT_SIZE) -> Shape:
    """The mark of pattern `number` centred on (x, y), with about the same area for each kind."""
    kind = SHAPES.get(number, "circle")
    points = ""
    text_y = y
    if kind == "triangle":
        r = size * 1.45  # circumradius; the centroid is (x, y)
        corners = [(x, y - r), (x + r * 0.866, y + r / 2), (x - r * 0.866, y + r / 2)]
        points = " ".join(f"{round(px, 1)},{round(py, 1)}" for px, py in corners)
        text_y = y + size * 0.15
    elif kind == "diamond":
        r = size * 1.3
        points = f"{round(x, 1)},{round(y - r, 1)} {round(x + r, 1)},{round(y, 1)} " \
                 f"{round(x, 1)},{round(y + r, 1)} {round(x - r, 1)},{round(y, 1)}"
    return Shape(kind=kind, x=round(x, 1), y=round(y, 1), size=size, points=points, text_y=round(text_y, 1))


@dataclass
class Dot:
    project: object
    x: float
    y: float
    color: str
    rank: int = 0
    mark: Shape | None = None

    @property
    def svg(self) -> str:
        return self.mark.element(self.color, self.project.pattern.number)


def describe(ranking, start: int = 1) -> None:
    """Give each ranked project what its dot and its row print: its rank (its place in the whole
    ranking, the page starting at `start`), its page's address and the dot's label (read by a
    screen reader and shown as a tooltip), each made once for both."""
    label = _("%(n)s位 %(title)s（%(owner)s）%(pattern)s　波及効果 %(r)s・実現可能性 %(f)s・積 %(s)s")
    for rank, project in enumerate(ranking, start=start):
        project.board_rank = rank
        project.detail_url = reverse("contributions:detail", args=[project.pk])
        ripple, feasibility = project.ripple, project.feasibility
        values = {"n": rank, "title": project.title, "owner": project.owner.name, "pattern": project.pattern,
                  "r": ripple, "f": feasibility, "s": ripple * feasibility}
        project.board_label = mark_safe(label % {key: conditional_escape(value) for key, value in values.items()})


def _centre(feasibility: int, ripple: int) -> tuple[float, float]:
    # Each score owns a fifth of the axis; the dot sits in the middle of its cell.
    return LEFT + (feasibility - 0.5) * STEP_X, TOP + PLOT_H - (ripple - 0.5) * STEP_Y


def _spread(count: int) -> list[tuple[float, float]]:
    """Offsets of `count` dots sharing a grid point: one alone in the centre, otherwise on
    rings RING_GAP apart, each holding as many as fit SPACING apart, spread evenly."""
    if count == 1:
        return [(0.0, 0.0)]
    offsets = []
    ring = 1
    while len(offsets) < count:
        radius = ring * RING_GAP
        capacity = max(int(2 * math.pi * radius // SPACING), 1)
        on_ring = min(capacity, count - len(offsets))
        # Alternate rings start half a slot apart so that their dots do not line up.
        start = -math.pi / 2 + (math.pi / on_ring if ring % 2 == 0 else 0)
        for slot in range(on_ring):
            angle = start + 2 * math.pi * slot / on_ring
            offsets.append((radius * math.cos(angle), radius * math.sin(angle)))
        ring += 1
    return offsets


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def layout(projects, ranks: dict | None = None) -> list[Dot]:
    """Dots for projects; ranks maps a project's pk to its row in the ranked table."""
    ranks = ranks or {}
    cells = defaultdict(list)
    for project in projects:
        cells[(project.feasibility, project.ripple)].append(project)
    dots = []
    for (feasibility, ripple), members in cells.items():
        cx, cy = _centre(feasibility, ripple)
        # The best ranked nearest the top of the ring: the order reads like the table.
        members.sort(key=lambda p: ranks.get(p.pk, 0))
        for project, (dx, dy) in zip(members, _spread(len(members)), strict=True):
            x = round(_clamp(cx + dx, DOT_SIZE * 1.5, WIDTH - DOT_SIZE * 1.5), 1)
            y = round(_clamp(cy + dy, DOT_SIZE * 1.5, HEIGHT - DOT_SIZE * 1.5), 1)
            dots.append(Dot(
                project=project, x=x, y=y, color=project.pattern.color, rank=ranks.get(project.pk, 0),
                mark=shape(project.pattern.number, x, y),
            ))
    # Drawn from the last rank up, so that the top of the table is painted last (on top).
    dots.sort(key=lambda d: -d.rank)
    return dots


def legend(patterns) -> list[tuple[object, str]]:
    """Each pattern with its mark (an SVG element), drawn in a 24 × 24 box."""
    return [(pattern, shape(pattern.number, 12, 12, size=7).element(pattern.color, pattern.number))
            for pattern in patterns]


def _number_format():
    """How a template prints a number ({{ value }} localizes it), looked up once for a page rather
    than once a value: the decimal separator of the language, or Django's own formatting when the
    settings group thousands."""
    if settings.USE_THOUSAND_SEPARATOR:
        return formats.localize
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return lambda value: str(value).replace(".", separator)


def dots_markup(dots) -> SafeString:
    """Each dot as the board's SVG draws it: a link to the project, named by its label, with its
    mark and its rank. Written here rather than in the template's loop (some 15 lookups and four
    localized numbers a dot), byte for byte what the loop gave, whitespace included."""
    number = _number_format()
    parts = []
    for dot in dots:
        project = dot.project
        label = conditional_escape(project.board_label)
        rank = number(dot.rank)
        parts.append(
            f'\n  <a href="{escape(str(project.detail_url))}" aria-label="{label}" data-rank="{rank}">\n'
            f"    <title>{label}</title>\n"
            f"    {dot.svg}\n"
            f'    <text x="{number(dot.x)}" y="{number(dot.mark.text_y)}" text-anchor="middle" '
            'dominant-baseline="central" font-size="10" font-weight="bold" fill="#fff" stroke="#000" '
            f'stroke-width="2" paint-order="stroke" aria-hidden="true">{rank}</text>\n'
            "  </a>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped, or a SafeString (label, mark)


def ranking_rows(ranking) -> SafeString:
    """The rows of the table beside the board (its ranking), as dots_markup writes the dots."""
    number = _number_format()
    statuses = {value: str(label) for value, label in ProjectStatus.choices}  # translated once, not once a row
    parts = []
    for project in ranking:
        rank = number(project.board_rank)
        parts.append(
            f'\n    <tr><td class="numeric" data-rank="{rank}">{rank}</td><th scope="row">'
            f'<a href="{escape(str(project.detail_url))}">{escape(str(project.title))}</a></th>\n'
            f"      <td>{escape(str(project.owner.name))}</td><td>{escape(str(project.pattern))}</td>"
            f'<td class="numeric">{number(project.ripple)}</td>\n'
            f'      <td class="numeric">{number(project.feasibility)}</td>'
            f'<td class="numeric">{number(project.score)}</td>'
            f'<td class="text-nowrap">{escape(str(statuses.get(project.status, project.status)))}</td></tr>\n  '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped


def axes():
    ticks_x = [{"value": n, "x": round(LEFT + (n - 0.5) * STEP_X, 1)} for n in range(1, 6)]
    ticks_y = [{"value": n, "y": round(TOP + PLOT_H - (n - 0.5) * STEP_Y, 1)} for n in range(1, 6)]
    grid_x = [round(LEFT + n * STEP_X, 1) for n in range(0, 6)]
    grid_y = [round(TOP + n * STEP_Y, 1) for n in range(0, 6)]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "top": TOP, "right": LEFT + PLOT_W,
        "bottom": TOP + PLOT_H, "plot_w": PLOT_W, "plot_h": PLOT_H, "ticks_x": ticks_x,
        "ticks_y": ticks_y, "grid_x": grid_x, "grid_y": grid_y,
        "x_label_x": LEFT + PLOT_W / 2, "x_label_y": HEIGHT - 15, "y_label_y": TOP + PLOT_H / 2,
        # The quadrant the lecturer points to: both scores 4 or more.
        "best_x": round(LEFT + 3 * STEP_X, 1), "best_y": TOP, "best_w": round(2 * STEP_X, 1),
        "best_h": round(2 * STEP_Y, 1),
    }
