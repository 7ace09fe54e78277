"""Browser journeys in real Chromium (Debian's /usr/bin/chromium) through Playwright.

Without Chromium the journeys are skipped with the reason shown; with E2E_REQUIRED=1
(as in CI) a missing browser is a failure instead.
"""

import hashlib
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.contributions.factories import NetworkPatternFactory, TargetGroupFactory, ThemeFactory
from tests.factories import AreaFactory, CorporationFactory, MembershipFactory, StaffFactory
from tests.needs.factories import ResourceKindFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The portal's time zone, and the browser's (the page fixture): the journeys' meetings start at Tokyo times.
TOKYO = ZoneInfo("Asia/Tokyo")
# Playwright's synchronous API runs an event loop in this thread; Django's ORM calls in
# the test body are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install '.[test]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _chromium_missing()
    if reason:
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(f"E2E_REQUIRED=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(locale="ja-JP", timezone_id=TOKYO.key, base_url=live_server.url)
    # The journeys pass with the Content-Security-Policy on: a script or style it blocked,
    # or a script that broke, fails the journey that met it (every page of the context).
    problems = []
    context.on("console", lambda message: _note_console(problems, message))
    context.on("weberror", lambda error: problems.append(f"uncaught error: {error.error}"))
    page = context.new_page()
    page.set_default_timeout(15_000)
    _inject_scripts_from_the_origin(context, page)
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    if problems:
        pytest.fail("The browser reported:\n" + "\n".join(problems), pytrace=False)


def _inject_scripts_from_the_origin(context, page) -> None:
    """page.add_script_tag(content=…) (axe-core in tests/e2e/accessibility.py) would be an
    inline script, which the policy blocks. The test's script is served instead as a file
    of the portal's own origin, so the pages are checked with the policy on, as users get them.
    """
    scripts = {}

    def serve(route):
        route.fulfill(body=scripts[route.request.url.rsplit("/", 1)[1]], content_type="text/javascript")

    context.route("**/__e2e_scripts__/*.js", serve)
    add_script_tag = page.add_script_tag

    def add_script_tag_from_the_origin(*, content=None, **kwargs):
        if content is None or not page.url.startswith("http"):
            return add_script_tag(content=content, **kwargs)  # about:blank has no policy
        name = hashlib.sha256(content.encode()).hexdigest()[:16] + ".js"
        scripts[name] = content
        return add_script_tag(url=f"/__e2e_scripts__/{name}", **kwargs)

    page.add_script_tag = add_script_tag_from_the_origin


def _note_console(problems: list[str], message) -> None:
    if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
        problems.append(f"{message.type} at {message.location.get('url', '?')}: {message.text}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def log_in(page, username: str, password: str = "pass-word-1234"):
    page.goto("/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_load_state()


def accounts(**members) -> None:
    """The accounts a journey logs in with: the clerk (council staff) and a member of each corporation
    given by user name, e.g. accounts(tsukuri=corporation). Each logs in with log_in's default password."""
    StaffFactory(username="clerk")
    for username, corporation in members.items():
        MembershipFactory(user__username=username, corporation=corporation)


# The corporations the journeys meet, by the names the tests call them (つくりっこの家, 事業団 and いずみ会 gave
# the 2015 article's practice reports).
CORPORATIONS = {
    "tsukuri": ("社会福祉法人つくりっこの家", "ツクリッコノイエ"),
    "jigyodan": ("社会福祉法人練馬区社会福祉事業団", "ネリマクシャカイフクシジギョウダン"),
    "izumi": ("社会福祉法人いずみ会", "イズミカイ"),
    "aoba": ("社会福祉法人あおば会", "アオバカイ"),
    "sakura": ("社会福祉法人さくら会", "サクラカイ"),
}


def named_corporation(key: str, **fields):
    """The corporation of CORPORATIONS called `key`; `fields` as CorporationFactory takes them (home_area …)."""
    name, name_kana = CORPORATIONS[key]
    return CorporationFactory(name=name, name_kana=name_kana, **fields)


def vocabularies(*, areas, themes=(), target_groups=(), resource_kinds=()) -> dict:
    """What the journeys' forms choose from: the areas, themes, target groups and resource kinds named, and the
    council's four network patterns. Made by factories, not taken from the seeded rows: a transactional test
    empties the tables after it. Returns the rows made, by name."""
    made = {}
    for factory, names in [
        (AreaFactory, areas), (ThemeFactory, themes), (TargetGroupFactory, target_groups),
        (ResourceKindFactory, resource_kinds),
    ]:
        made |= {name: factory(name=name) for name in names}
    for number in (1, 2, 3, 4):
        NetworkPatternFactory(number=number)
    return made
