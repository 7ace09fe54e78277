"""Small display helpers of the projects' templates."""

from django import template

register = template.Library()


@register.filter
def state_badge(state: str) -> str:
    return {
        "draft": "text-bg-secondary", "submitted": "text-bg-warning", "published": "text-bg-success",
        "withdrawn": "text-bg-dark",
    }.get(state, "text-bg-secondary")
