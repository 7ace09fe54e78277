"""Browser journey: two staff members on one attendance screen; the older screen's save is refused."""

import pytest
from playwright.sync_api import expect

from meetings.models import Attendee, Meeting
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import _inject_scripts_from_the_origin, log_in
from tests.factories import AreaFactory, CorporationFactory, StaffFactory
from tests.meetings.factories import AttendeeFactory, InvitationFactory, MeetingFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def second_page(browser, live_server):
    """Another staff member's browser (its own cookies), beside `page`."""
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    _inject_scripts_from_the_origin(context, page)
    yield page
    context.close()


def _row(page, name):
    return page.locator("tr[data-testid=attendance-row]").filter(has=page.locator(f"input[value='{name}']"))


def test_it_refuses_the_older_attendance_screen_and_keeps_both_changes(page, second_page, transactional_db):
    corporation = CorporationFactory(
        name="社会福祉法人あおば会", name_kana="アオバカイ", home_area=AreaFactory(name="練馬")
    )
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    InvitationFactory(meeting=meeting, corporation=corporation)
    taro = AttendeeFactory(meeting=meeting, corporation=corporation, name="青葉 太郎", title="理事長", order=0)
    hanako = AttendeeFactory(meeting=meeting, corporation=corporation, name="青葉 花子", title="主任", order=1)
    StaffFactory(username="clerk")
    StaffFactory(username="clerk2")
    url = f"/meetings/{meeting.pk}/attendance/"
    log_in(page, "clerk")
    log_in(second_page, "clerk2")
    page.goto(url)
    second_page.goto(url)

    # One unticks a person and saves.
    _row(page, "青葉 太郎").locator("input[type=checkbox]").uncheck()
    page.get_by_role("button", name="出席を保存する").click()
    expect(page.get_by_text("出席を保存しました", exact=False)).to_be_visible()

    # The other, on the older screen, fixes a title and saves: refused, with what changed.
    _row(second_page, "青葉 花子").locator("input[name$='-title']").fill("施設長")
    second_page.get_by_role("button", name="出席を保存する").click()
    expect(second_page.get_by_text("この画面を開いた後に、ほかの方が変更を保存しました。", exact=False)).to_be_visible()
    changes = second_page.get_by_test_id("stale-changes")
    expect(changes).to_contain_text("青葉 太郎")
    expect(changes.get_by_role("row").filter(has_text="出席")).to_contain_text("いいえ")
    expect(_row(second_page, "青葉 花子").locator("input[name$='-title']")).to_have_value("施設長")
    expect(_row(second_page, "青葉 太郎").locator("input[type=checkbox]")).not_to_be_checked()
    assert Attendee.objects.get(pk=taro.pk).present is False
    assert Attendee.objects.get(pk=hanako.pk).title == "主任"
    assert axe_violations(second_page) == []

    # Saved again after reading the table: both changes stand.
    second_page.get_by_role("button", name="出席を保存する").click()
    expect(second_page.get_by_text("出席を保存しました", exact=False)).to_be_visible()
    assert Attendee.objects.get(pk=taro.pk).present is False
    assert Attendee.objects.get(pk=hanako.pk).title == "施設長"
