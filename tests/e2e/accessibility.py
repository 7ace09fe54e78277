"""axe-core (vendored, MPL-2.0) run inside Chromium: WCAG 2.2 A/AA checks and axe's best
practices, as JIS X 8341-3:2016 (WCAG 2.0 AA) asks and the portal's "accessible and strict"
standard raises to WCAG 2.2 AA.

axe-core 4.14.1 (tests/e2e/vendor/axe.min.js, the newest on npm when vendored) knows the
`wcag22aa` tag (target-size, 2.5.8); 4.5 was the first release to.
"""

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_results(page) -> list[dict]:
    """axe's violations on the page as it is now (axe's own result objects)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(violation: dict) -> str:
    targets = [node["target"] for node in violation["nodes"]][:5]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}"


def axe_violations(page) -> list[str]:
    """The WCAG 2.2 A/AA and best-practice violations on the page, one line each ("rule: target …")."""
    return [describe(violation) for violation in axe_results(page)]
