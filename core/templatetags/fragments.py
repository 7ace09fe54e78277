"""`{% fragment "name" arg … %}…{% endfragment %}`: HTML kept between requests (core/fragments.py).

The key carries the viewer, the language, the data's generation and the minute on its own;
the arguments name what else the HTML depends on (the object shown, the list's query
string). Inside: `{% csrf_token %}` writes a placeholder, which each request fills with its own
token after the cache lookup; nothing else the request holds besides its user, unless it is an
argument.
"""

from django import template
from django.utils.safestring import mark_safe

from core.fragments import cached_html, csrf_slot, with_csrf_token

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        page = context.template.name if context.template is not None else None
        token = context.get("csrf_token")

        def render():
            with context.push(csrf_token=csrf_slot()):  # the token's place, filled below on every request
                return self.nodelist.render(context)

        html = cached_html(context.get("request"), self.name.resolve(context), parts, render, page)
        return mark_safe(with_csrf_token(html, token))  # noqa: S308 (the fragment's own rendered HTML)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment \"nav\" %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
