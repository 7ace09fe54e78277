"""A member answers an invitation by keyboard alone, and from a phone without sideways scrolling.

Keyboard: Tab / Shift+Tab / Space / Enter / the arrow keys only (no click, no fill), from the
log-in page to the confirmation. At every stop the focused control shows the portal's focus
outline (static/css/portal.css :focus-visible, 3px), and Tab always moves on (no trap).
Phone: a 390px wide viewport (an iPhone 12–15's), the page no wider than the screen.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from meetings.models import Invitation
from tests.e2e.conftest import TOKYO, log_in
from tests.factories import AreaFactory, CorporationFactory, FacilityFactory, MembershipFactory
from tests.meetings.factories import InvitationFactory, MeetingFactory, MeetingSeriesFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def invitation(transactional_db):
    oizumi = AreaFactory(name="大泉")
    corporation = CorporationFactory(
        name="社会福祉法人練馬区社会福祉事業団", name_kana="ネリマクシャカイフクシジギョウダン", home_area=oizumi
    )
    FacilityFactory(corporation=corporation, name="大泉特別養護老人ホーム", area=oizumi)
    MembershipFactory(user__username="jigyodan", corporation=corporation)
    series = MeetingSeriesFactory(
        title="社会福祉法人等の社会貢献事業におけるネットワークづくりに向けた連絡会", fiscal_year=2030
    )
    start = datetime.datetime(2030, 10, 29, 14, tzinfo=TOKYO)
    meeting = MeetingFactory(
        series=series, number=2, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
        venue="練馬区役所 本庁舎19階 多目的会議室（練馬区豊玉北6-12-1）",
    )
    return InvitationFactory(meeting=meeting, corporation=corporation)


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), type: el.type || '', id: el.id,
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40),
    label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : '',
    keyboard: el.matches(':focus-visible'),
    outline: style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0,
  };
}"""


def _focused(page, *, may_leave=False) -> dict | None:
    focused = page.evaluate(FOCUSED)
    if focused is None:
        # Past the last control Tab leaves the page for the browser's own bar, then comes back.
        assert may_leave, "the focus was lost (on the page body)"
        return None
    # The portal's focus outline, visible wherever the keyboard is.
    assert focused["keyboard"] and focused["outline"] >= 2, f"focus not visible on {focused}"
    focused["label"] = focused["label"].rstrip("*").strip()  # crispy's "required" mark
    return focused


def _tab_to(page, matches, *, key="Tab", most=60) -> dict:
    """Press Tab (or Shift+Tab) until the focused control matches; each stop shows its focus.
    The control focused already (autofocus) counts."""
    current = page.evaluate(FOCUSED)
    if current is not None and matches(_focused(page)):
        return _focused(page)
    seen = []
    for _ in range(most):
        page.keyboard.press(key)
        focused = _focused(page, may_leave=bool(seen) and seen[-1] is not None)
        if focused is not None and matches(focused):
            return focused
        assert focused is None or not seen or focused != seen[-1], f"Tab did not move on from {focused} (a trap)"
        seen.append(focused)
    raise AssertionError(f"not reached by {key} in {most} steps: {[f and (f['text'] or f['label']) for f in seen]}")


def test_a_member_answers_an_invitation_by_keyboard_alone(page, invitation):
    page.goto("/accounts/login/")
    _tab_to(page, lambda f: f["label"] == "ユーザー名")
    page.keyboard.type("jigyodan")
    _tab_to(page, lambda f: f["label"] == "パスワード")
    page.keyboard.type("pass-word-1234")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # A member lands on its own corporation's page.
    page.wait_for_url(re.compile(r"/corporations/\d+/$"))
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()

    # The menu's 連絡会 (a plain link for a member), then the meeting.
    _tab_to(page, lambda f: f["text"] == "連絡会")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/meetings/(\?.*)?$"))
    _tab_to(page, lambda f: "第2回" in f["text"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/meetings/{invitation.meeting_id}/$"))
    _tab_to(page, lambda f: f["text"] == "出欠を回答する")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/invitations/\d+/$"))

    # 出席 by the arrow keys in the radio group (Tab focuses the group's first, unticked, button).
    assert _tab_to(page, lambda f: f["type"] == "radio")["label"] == "出席"
    page.keyboard.press("ArrowDown")  # ticks 欠席
    assert _focused(page)["label"] == "欠席" and page.get_by_label("欠席").is_checked()
    page.keyboard.press("ArrowUp")  # and back to 出席
    assert _focused(page)["label"] == "出席" and page.get_by_label("出席", exact=True).is_checked()
    _tab_to(page, lambda f: f["label"] == "氏名 1")
    page.keyboard.type("大泉 一郎")
    page.keyboard.press("Tab")
    assert _focused(page)["label"] == "役職 1"
    page.keyboard.type("施設長")
    # Shift+Tab goes back to the name, Tab forward again: the order is the reading order.
    page.keyboard.press("Shift+Tab")
    assert _focused(page)["label"] == "氏名 1"
    _tab_to(page, lambda f: f["label"] == "施設・事業所 1")
    page.keyboard.press("ArrowDown")  # a closed <select> takes the next option from the arrow key
    _tab_to(page, lambda f: f["text"] == "回答を保存する")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/meetings/{invitation.meeting_id}/$"))

    expect(page.get_by_role("status")).to_contain_text("回答")
    expect(page.get_by_test_id("my-answer")).to_contain_text("出席")
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.ATTEND
    person = invitation.persons.get()
    assert (person.name, person.title, person.facility.name) == ("大泉 一郎", "施設長", "大泉特別養護老人ホーム")


def test_it_shows_the_focus_outline_on_every_kind_of_control(page, invitation):
    # The rule itself, as the browser computes it for a link, a button, a field, a radio and a select.
    log_in(page, "jigyodan")
    page.goto(f"/meetings/{invitation.meeting_id}/invitations/{invitation.pk}/")
    kinds = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _focused(page, may_leave=True)
        if focused is None:
            continue
        kinds.add(focused["tag"] if focused["tag"] != "input" else focused["type"])
    assert {"a", "button", "radio", "text", "select"} <= kinds, kinds


NO_SIDEWAYS_SCROLL = """() => {
  const root = document.documentElement;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1).map(name);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 8)};
}"""


def _fits(page) -> None:
    page.wait_for_load_state("load")  # the stylesheets too: a page measured before them is wider
    width = page.evaluate(NO_SIDEWAYS_SCROLL)
    assert width["scroll"] <= width["client"], f"{page.url}: {width}"


def test_a_member_answers_from_a_phone_without_sideways_scrolling(page, invitation):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "jigyodan")
    page.goto(f"/meetings/{invitation.meeting_id}/")
    _fits(page)
    page.get_by_role("link", name="出欠を回答する").click()
    _fits(page)
    # The person rows are stacked, each field with its visible label.
    expect(page.get_by_text("氏名 1", exact=True)).to_be_visible()
    page.get_by_label("出席", exact=True).check()
    page.get_by_label("役職 1").fill("施設長")  # a title without a name: the page with its errors
    page.get_by_role("button", name="回答を保存する").click()
    expect(page.get_by_text("氏名を入力してください。")).to_be_visible()
    _fits(page)
    page.get_by_label("氏名 1").fill("大泉 一郎")
    page.get_by_role("button", name="回答を保存する").click()
    expect(page.get_by_test_id("my-answer")).to_contain_text("出席")
    _fits(page)
