"""`{% block_text "title" %}`: a block of the page printed again, so that the page writes it once.

base.html prints the title block in <title>; includes/page.html prints it again in the <h1> and the breadcrumbs'
current item, unless the page fills its own heading. includes/card.html prints its id block in the section's
aria-labelledby and again in the heading's id.
"""

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The most derived block of that name, rendered in the current context (its {{ block.super }} works too)."""
    block = context.render_context[BLOCK_CONTEXT_KEY].get_block(name)
    return block.render(context)
