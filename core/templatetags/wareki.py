from django import template

from core.wareki import format_fiscal_year, format_wareki

register = template.Library()


@register.filter
def wareki(value, arg=""):
    """{{ meeting.date|wareki }} → 平成27年10月29日; {{ d|wareki:"weekday" }} adds （木）;
    {{ d|wareki:"short" }} → H27.10.29 for narrow printed columns."""
    return format_wareki(value, weekday=(arg == "weekday"), short=(arg == "short"))


@register.filter
def fiscal_year(value):
    """{{ 2015|fiscal_year }} → 平成27年度."""
    return format_fiscal_year(value)
