"""`{% chart_bars chart %}` and `{% meeting_area_rows meetings %}`: the two parts of the year's report
page (annual/_figures.html, annual/_bar_chart.html) that hold a row for each held meeting and area.

Written here rather than in the templates: a year of 76 held meetings in four areas draws 304 bars
and 304 table rows, and the template drew each through 6–10 lookups, about half of the page's
rendering when its figures were not kept (the first request after a write, annual/open_year.py;
benchmarks/annual.md). The markup is byte for byte what the templates gave; every value escaped
(`_e`); the table's figures localized as the template's {{ }} did (`_figures`), the chart's coordinates not
(annual/_bar_chart.html is under {% localize off %}: SVG numbers are not prose).
"""

from html import escape

from django import template
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def _e(value) -> str:
    """The value as HTML text or attribute value."""
    return escape(str(value))


def _figures():
    """A function printing a number as the template's {{ value }} does (django.utils.formats.localize:
    the current language's separators and grouping), with those formats read once rather than for
    each of a table's 1,200 figures (most of the time localize took)."""
    language = get_language()
    names = ("DECIMAL_SEPARATOR", "NUMBER_GROUPING", "THOUSAND_SEPARATOR")
    decimal, grouping, thousand = (get_format(name, language, use_l10n=True) for name in names)
    return lambda value: escape(numberformat.format(value, decimal, None, grouping, thousand, use_l10n=True))


@register.simple_tag
def chart_bars(chart):
    """Each bar of an annual.charts.Chart: its tooltip, its rectangle and, when wide enough, its number."""
    parts = []
    for bar in chart.bars:
        value = (
            f'<text x="{_e(bar.text_x)}" y="{_e(bar.y)}" dy="-3" font-size="10" fill="#000" text-anchor="middle">'
            f"{_e(bar.value)}</text>" if bar.show_value else ""
        )
        parts.append(
            f"\n  <g><title>{_e(bar.label)}</title>\n"
            f'    <rect x="{_e(bar.x)}" y="{_e(bar.y)}" width="{_e(bar.width)}" height="{_e(bar.height)}" '
            f'fill="url(#{_e(bar.fill)})" stroke="#000" stroke-width="1"/>\n'
            f"    {value}\n  </g>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 every value escaped above


@register.simple_tag
def meeting_area_rows(meetings):
    """A row for each held meeting (meetings.selectors.annual.YearMeeting) and each of its areas."""
    parts = []
    _n = _figures()
    for meeting in meetings:
        title = _e(meeting.meeting.short_title)
        for count in meeting.areas:
            parts.append(
                f'\n      <tr><th scope="row">{title}</th><td>{_e(count.area.name)}</td>'
                f'<td class="numeric">{_n(count.attended)} / {_n(count.invited)}</td>'
                f'<td class="numeric">{_n(count.rate)}%</td><td class="numeric">{_n(count.people)}</td></tr>\n    '
            )
    return mark_safe("".join(parts))  # noqa: S308 every value escaped above
