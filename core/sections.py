"""Pages that other apps add to, without the page naming them.

A page offers a *slot* ("nav", "home", "dashboard", "corporation", "project"); each app registers, in
its AppConfig.ready(), the sections it adds to a slot: a template and a function that
builds the section's context from the request and the page's objects. The function asks
the app's own policies and returns None when the section is not for this user, so the
template it fills decides nothing. A lower layer's page (the corporation page lives in
`corporations`) thus shows sections of higher apps (meetings, projects) while the imports
still point down only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

SLOTS = ("nav", "home", "dashboard", "corporation", "project")


@dataclass(frozen=True)
class Section:
    slot: str
    name: str
    template: str
    order: int
    build: Callable[..., dict | None]


_registry: dict[str, dict[str, Section]] = {slot: {} for slot in SLOTS}


def section(slot: str, *, template: str, order: int = 100, name: str | None = None):
    """Decorator: `@section("corporation", template="meetings/sections/corporation.html")`
    on a function (request, **objects) -> dict | None."""
    if slot not in _registry:
        raise ValueError(f"Unknown slot {slot!r}; slots are {SLOTS}")

    def register(build):
        key = name or f"{build.__module__}.{build.__qualname__}"
        # Registering again under the same name replaces (AppConfig.ready may run twice in tests).
        _registry[slot][key] = Section(slot, key, template, order, build)
        return build

    return register


def sections_of(slot: str) -> list[Section]:
    return sorted(_registry[slot].values(), key=lambda s: (s.order, s.name))


def render_slot(slot: str, request, *, page_context=None, **objects) -> SafeString:
    """The HTML of every section of a slot that is for this request's user, in order.

    From a page (`{% slot %}`), page_context is the page's own context: each section is then
    rendered like an `{% include ... only %}`, with the values the context processors gave
    the page and its own, so the processors run once a page rather than once a section.
    """
    parts = []
    for item in sections_of(slot):
        context = item.build(request, **objects)
        if context is None:
            continue
        values = {**objects, **context}
        if page_context is None or page_context.template is None:
            parts.append(render_to_string(item.template, values, request=request))
        else:
            template = page_context.template.engine.get_template(item.template)
            parts.append(template.render(page_context.new({**processor_values(page_context), **values})))
    return mark_safe("".join(parts))  # rendered by Django's templates, autoescaped there


def processor_values(context) -> dict:
    """What the context processors gave a page's RequestContext (nothing for a plain Context)."""
    index = getattr(context, "_processors_index", None)
    return context.dicts[index] if index is not None else {}
