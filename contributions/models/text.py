"""A project's description: the little HTML it may hold, cleaned by nh3."""
import re

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

# The small formatting subset a description may use; everything else is removed, and a
# <script> (with its content) never reaches a page.
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a"}


ALLOWED_ATTRIBUTES = {"a": {"href"}}


_BLOCK_TAGS = ("<p", "<ul", "<ol", "<br")


# <svg> and <math> switch the HTML parser to "foreign" content, and nh3 drops SVG and MathML
# elements with their text (also outside <svg>/<math>: <text>, <g>, <mi>, …): one unclosed
# <svg>, <math> or <text> lost everything after it. Those tags alone are removed first, so
# what they held is read as ordinary HTML: its text kept, a <script> or <style> inside still
# removed by nh3 with its content. The names are the ones whose text nh3 drops
# (tests/contributions/test_sanitize.py checks the list against the installed nh3).
FOREIGN_ELEMENTS = frozenset({
    "svg", "math",
    # SVG
    "animate", "circle", "defs", "desc", "discard", "ellipse", "filter", "g", "line", "marker",
    "mask", "metadata", "mpath", "path", "pattern", "polygon", "polyline", "rect", "set", "stop",
    "switch", "symbol", "text", "tspan", "use", "view",
    # MathML
    "maction", "annotation", "annotation-xml", "menclose", "merror", "mfenced", "mfrac",
    "mglyph", "mi", "mlabeledtr", "mlongdiv", "mmultiscripts", "mn", "mo", "mover", "mpadded",
    "mphantom", "mprescripts", "mroot", "mrow", "ms", "mscarries", "mscarry", "msgroup",
    "msline", "mspace", "msqrt", "msrow", "mstack", "mstyle", "msub", "msubsup", "msup",
    "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics",
})


_FOREIGN_NAMES = "|".join(re.escape(name) for name in sorted(FOREIGN_ELEMENTS))


_FOREIGN_TAG = re.compile(rf"</?(?:{_FOREIGN_NAMES})(?=[\s/>])[^>]*>", re.IGNORECASE)


def _without_foreign_tags(text: str) -> str:
    # Again until nothing is left: removing one tag must not join the pieces of another.
    while True:
        stripped = _FOREIGN_TAG.sub("", text)
        if stripped == text:
            return text
        text = stripped


def sanitize_description(text: str) -> str:
    return nh3.clean(
        _without_foreign_tags(text or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def description_as_html(text: str):
    """Sanitised HTML; plain text (no block tags) keeps its line breaks as paragraphs."""
    clean = sanitize_description(text)
    if not any(tag in clean for tag in _BLOCK_TAGS):
        # linebreaks() escapes again; undo nothing: nh3 has already escaped "<" and "&".
        clean = linebreaks(clean, autoescape=False)
    return mark_safe(clean)  # sanitised by nh3 just above
