"""Grouped bar charts as plain data for a server-rendered SVG (templates/annual/_bar_chart.html).

Readable in black and white: each series has its own fill pattern (solid, hatched, dotted,
cross-hatched …) drawn in black, and every bar carries its number above it, so nothing is
told by colour alone. The SVG is role="img" with a title and a description, and the page
prints the same figures in a data table beside it.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 300
LEFT = 44
RIGHT = 12
TOP = 16
BOTTOM = 44
LEGEND_ROW = 22
DIGIT_WIDTH = 6.5  # a digit of the bars' numbers (font size 10)
LABEL_CHAR_WIDTH = 12.5  # a character of the groups' labels (font size 12, Japanese full width)
# Fill patterns, in the order series take them (templates/annual/_bar_chart.html draws each).
FILLS = ["solid", "hatch", "dots", "cross", "horizontal", "vertical", "blank", "backhatch"]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    fill: str  # the pattern's id
    label: str  # "第2回 練馬: 12" for the tooltip
    show_value: bool = True  # the number above the bar, when the bar is wide enough for it

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    bars: list = field(default_factory=list)
    groups: list = field(default_factory=list)  # [(label, x)]
    fills: list = field(default_factory=list)  # [(id, kind)]
    legend: list = field(default_factory=list)  # [(label, fill id, x, y)]
    ticks: list = field(default_factory=list)  # [(value, y)]
    left: int = LEFT
    plot_bottom: float = 0
    plot_right: float = 0
    empty: bool = False

    @property
    def center_x(self) -> float:
        return self.width / 2

    @property
    def empty_text(self) -> str:
        return _("データがありません")

    @property
    def alt_text(self) -> str:
        """The title and every figure, for a picture's description (the .docx's alt text)."""
        return f"{self.title}: {self.description}" if self.description else self.title


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return step * 5 if value else 5
    return value


def grouped_bars(chart_id: str, title: str, description: str, groups: list[str],
                 series: list[tuple[str, list[int]]]) -> Chart:
    """Bars of each series side by side within each group; a legend below the plot."""
    legend_rows = (len(series) + 3) // 4
    height = HEIGHT + legend_rows * LEGEND_ROW
    chart = Chart(id=chart_id, title=title, description=description, height=height)
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    chart.plot_bottom, chart.plot_right = plot_bottom, plot_right
    chart.fills = [(f"{chart_id}-fill-{i}", FILLS[i % len(FILLS)]) for i in range(len(series))]
    top_value = max((v for _label, values in series for v in values), default=0)
    chart.empty = not groups or not series
    scale_max = _nice_max(top_value)
    step = scale_max // 5
    plot_h = plot_bottom - plot_top
    chart.ticks = [(v, round(plot_bottom - plot_h * v / scale_max, 1)) for v in range(0, scale_max + 1, step)]
    if chart.empty:
        return chart
    group_w = (plot_right - plot_left) / len(groups)
    inner = group_w * 0.8
    bar_w = inner / len(series)
    # A year of many meetings: numbers only on bars wide enough for them, and every n-th group's
    # label, so that nothing is drawn over anything (the figures are in the table and the
    # description all the same).
    show_values = bar_w * 0.9 >= DIGIT_WIDTH * len(str(top_value))
    label_step = max(1, math.ceil(max(len(str(group)) for group in groups) * LABEL_CHAR_WIDTH / group_w))
    for g, group in enumerate(groups):
        gx = plot_left + g * group_w + group_w * 0.1
        if g % label_step == 0:
            chart.groups.append((group, round(plot_left + g * group_w + group_w / 2, 1)))
        for s, (label, values) in enumerate(series):
            value = values[g]
            h = plot_h * value / scale_max
            chart.bars.append(Bar(
                x=round(gx + s * bar_w, 1), y=round(plot_bottom - h, 1), width=round(bar_w * 0.9, 1),
                height=round(h, 1), value=value, fill=chart.fills[s][0],
                label=_("%(group)s %(series)s: %(value)s") % {"group": group, "series": label, "value": value},
                show_value=show_values,
            ))
    for s, (label, _values) in enumerate(series):
        chart.legend.append((label, chart.fills[s][0], LEFT + (s % 4) * 150, HEIGHT + (s // 4) * LEGEND_ROW))
    return chart


def attendance_chart(meetings) -> Chart:
    """Corporations present at each held meeting, by area (YearMeeting rows)."""
    areas = []
    for meeting in meetings:
        for count in meeting.areas:
            if count.area not in areas:
                areas.append(count.area)
    # Each meeting's figures by area id, looked up once per bar (76 meetings × 4 areas at 100×).
    attended = [{c.area.pk: c.attended for c in meeting.areas} for meeting in meetings]
    series = [(area.name, [of_meeting.get(area.pk, 0) for of_meeting in attended]) for area in areas]
    groups = [str(m.meeting.short_title) for m in meetings]
    description = "; ".join(
        _("%(meeting)s: %(attended)s/%(invited)s法人") % {
            "meeting": m.meeting.short_title, "attended": m.attended, "invited": m.invited,
        }
        for m in meetings
    )
    return grouped_bars("chart-attendance", _("連絡会ごと・地域別の出席法人数"), description, groups, series)


def pattern_area_chart(crosstab) -> Chart:
    """Projects per area, one bar per network pattern (contributions.report.Report)."""
    series = [(str(pattern), counts) for pattern, counts, _total in crosstab.rows]
    groups = [area.name for area in crosstab.areas]
    description = "; ".join(f"{pattern}: {total}" for pattern, _counts, total in crosstab.rows)
    return grouped_bars("chart-patterns", _("パターン別・地域別の事業数"), description, groups, series)
