"""Small queries for the cards other pages include (front page, dashboard)."""

from django import template

from ..selectors import awaiting_review, overdue_projects, public_pattern_counts

register = template.Library()


@register.simple_tag
def catalogue_pattern_counts():
    """One query: each pattern with its number of public projects."""
    return list(public_pattern_counts())


@register.simple_tag
def moderation_summary():
    """Two queries: how many projects await review, and how many reviews are overdue."""
    return {"submitted": awaiting_review().count(), "overdue": overdue_projects().count()}


@register.filter
def state_badge(state: str) -> str:
    return {
        "draft": "text-bg-secondary", "submitted": "text-bg-warning", "published": "text-bg-success",
        "withdrawn": "text-bg-dark",
    }.get(state, "text-bg-secondary")
