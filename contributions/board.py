"""The ripple × feasibility board as plain data for a server-rendered SVG.

x = 実現可能性 (feasibility), y = 夢の明るさ・波及効果 (ripple), both 1–5. Projects on the
same grid point are spread on a small circle around it so every dot stays visible.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

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


@dataclass
class Dot:
    project: object
    x: float
    y: float
    color: str
    rank: int = 0


def _centre(feasibility: int, ripple: int) -> tuple[float, float]:
    # Each score owns a fifth of the axis; the dot sits in the middle of its cell.
    return LEFT + (feasibility - 0.5) * STEP_X, TOP + PLOT_H - (ripple - 0.5) * STEP_Y


def layout(projects) -> list[Dot]:
    cells = defaultdict(list)
    for project in projects:
        cells[(project.feasibility, project.ripple)].append(project)
    dots = []
    for (feasibility, ripple), members in cells.items():
        cx, cy = _centre(feasibility, ripple)
        count = len(members)
        # Up to 8 on an inner ring, the rest on an outer one; one alone sits in the centre.
        for index, project in enumerate(members):
            if count == 1:
                x, y = cx, cy
            else:
                ring, slot = (0, index) if index < 8 else (1, index - 8)
                slots = min(count, 8) if ring == 0 else count - 8
                radius = 16 if ring == 0 else 32
                angle = 2 * math.pi * slot / max(slots, 1)
                x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            dots.append(Dot(project=project, x=round(x, 1), y=round(y, 1), color=project.pattern.color))
    return dots


def ranked(projects) -> list:
    """Largest product first; ties by ripple, then title."""
    return sorted(projects, key=lambda p: (-p.score, -p.ripple, p.title, p.pk))


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
