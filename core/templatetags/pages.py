"""`{% page_title %}`: the page's title block printed again, so that a page writes its title once.

base.html prints the title block in <title>; includes/page.html prints it again in the <h1> (and in the
breadcrumbs' current item) through this tag, unless the page fills its own heading.
"""

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def page_title(context):
    """The most derived "title" block, rendered in the current context (its {{ block.super }} works too)."""
    block = context.render_context[BLOCK_CONTEXT_KEY].get_block("title")
    return block.render(context)
