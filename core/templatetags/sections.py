"""`{% slot "corporation" corporation=corporation %}`: the sections other apps add to a page."""

from django import template

from core.sections import render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name, **objects):
    request = context.get("request")
    if request is None:
        return ""
    return render_slot(name, request, page_context=context, **objects)
