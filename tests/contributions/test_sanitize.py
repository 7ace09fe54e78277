"""Descriptions: <svg> and <math> do not swallow the text after them; scripts never pass."""

import pytest

from contributions.models import description_as_html, sanitize_description


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("前<svg>途中で閉じない <text>図の説明</text> 後の文章", "前途中で閉じない 図の説明 後の文章"),
        ("<p>説明<svg><text>図</text></svg>続き</p><p>次</p>", "<p>説明図続き</p><p>次</p>"),
        ("式 <math><mi>x</mi><mo>=</mo><mn>1</mn> のとき", "式 x=1 のとき"),
        ("<SVG viewBox='0 0 1 1'><foreignObject><p>中身</p></foreignObject>残り", "<p>中身</p>残り"),
        ("<svg/><g>閉じたつもり</g>の後", "閉じたつもりの後"),
        ("<MATH display=block><mrow><mi>y</mi></mrow></MATH>最後まで", "y最後まで"),
    ],
)
def test_it_keeps_the_text_of_svg_and_math_and_after_them(typed, kept):
    assert sanitize_description(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "<svg><script>alert(1)</script>本文</svg>",
        "<svg onload=alert(1)>本文",
        "<math><script>alert(1)</script></math>本文",
        "<svg><style>p{}</style><a href='javascript:alert(1)'>本文</a></svg>",
        "<<svg>script>alert(1)<</svg>/script>本文",  # the pieces left once the tags go
        "<sv<svg>g onload=alert(1)>本文",
        "<svg><animate onbegin=alert(1) attributeName=x />本文</svg>",
    ],
)
def test_it_never_lets_a_script_through(typed):
    for html in (sanitize_description(typed), str(description_as_html(typed))):
        lowered = html.lower()
        assert "<script" not in lowered and "alert(1)</" not in lowered
        assert "onload" not in lowered and "onbegin" not in lowered and "javascript:" not in lowered
        assert "<svg" not in lowered and "<math" not in lowered
        assert "本文" in html


def test_it_shows_the_kept_text_on_the_page():
    assert description_as_html("図<svg><text>説明</text>のあと") == "<p>図説明のあと</p>"


# Every SVG and MathML element name (lower case, as the HTML parser sees them outside <svg>),
# but <a>, which descriptions may use as HTML.
SVG_AND_MATHML = """
altglyph altglyphdef altglyphitem animate animatecolor animatemotion animatetransform circle
clippath color-profile cursor defs desc discard ellipse feblend fecolormatrix fecomponenttransfer
fecomposite feconvolvematrix fediffuselighting fedisplacementmap fedistantlight fedropshadow
feflood fefunca fefuncb fefuncg fefuncr fegaussianblur feimage femerge femergenode femorphology
feoffset fepointlight fespecularlighting fespotlight fetile feturbulence filter font font-face
foreignobject g glyph glyphref hatch hatchpath hkern image line lineargradient marker mask mesh
meshgradient meshpatch meshrow metadata missing-glyph mpath path pattern polygon polyline
radialgradient rect set solidcolor stop svg switch symbol text textpath title tref tspan unknown
use view vkern
math maction annotation annotation-xml menclose merror mfenced mfrac mglyph mi mlabeledtr
mlongdiv mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mscarries mscarry
msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup mtable mtd mtext mtr munder
munderover none semantics
""".split()


@pytest.mark.parametrize("name", SVG_AND_MATHML + [name.upper() for name in ("text", "mi", "g")])
def test_it_keeps_the_text_inside_any_svg_or_mathml_element(name):
    # Fails when a new nh3 drops the text of one more element: add it to FOREIGN_ELEMENTS.
    assert sanitize_description(f"前<{name} x='1'>中</{name}>後") == "前中後"
    assert sanitize_description(f"前<{name}>閉じない 後") == "前閉じない 後"
