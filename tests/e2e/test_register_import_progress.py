"""Browser journey: staff import a register file and watch its progress (static/js/register_import.js)."""

import pytest
from playwright.sync_api import expect

from corporations.models import Corporation
from tests.e2e.conftest import log_in
from tests.factories import AreaFactory, StaffFactory

pytestmark = pytest.mark.e2e

HEADER = "法人名,フリガナ,法人種別,代表者,郵便番号,所在地,電話番号,メールアドレス,ホームページ,主な地域"


def _kana(n: int) -> str:
    return "".join("アイウエオカキクケコ"[int(digit)] for digit in f"{n:04d}")


def test_it_shows_the_progress_then_the_result_of_an_import(page, transactional_db, tmp_path):
    AreaFactory(name="練馬")
    StaffFactory(username="clerk")
    lines = [f"社会福祉法人取込{n:04d}会,トリコミ{_kana(n)}カイ,社会福祉法人,,,,,,,練馬" for n in range(600)]
    upload = tmp_path / "meibo.csv"
    upload.write_text("\r\n".join([HEADER, *lines]), encoding="utf-8-sig")
    log_in(page, "clerk")
    page.goto("/corporations/import/")
    page.get_by_label("名簿ファイル（.xlsx または .csv）").set_input_files(str(upload))
    page.get_by_label("確認のみ（保存しない）").uncheck()
    page.get_by_role("button", name="取り込む").click()
    # The script's answer: the import page itself with the result (without the script the form
    # would redirect to the register).
    expect(page.get_by_role("status").filter(has_text="取り込みました")).to_contain_text("新規 600件")
    expect(page.get_by_role("link", name="法人名簿を見る")).to_be_visible()
    assert page.url.endswith("/corporations/import/")
    assert Corporation.objects.count() == 600
