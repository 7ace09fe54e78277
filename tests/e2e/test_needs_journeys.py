"""Browser journey of a local need: recorded, matched, sent, answered both ways, taken on,
turned into a project that, once published, shows the need it answers."""

import pytest
from playwright.sync_api import expect

from contributions.models import Project
from needs.models import Need, NeedStatus, OfferStatus
from tests.e2e.conftest import accounts, log_in, log_out, named_corporation, vocabularies
from tests.factories import FacilityFactory
from tests.needs.factories import ResourceFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def network(transactional_db):
    made = vocabularies(
        areas=["光が丘", "練馬"], themes=["学習支援"], target_groups=["子ども"], resource_kinds=["場所・部屋", "車両"]
    )
    hikarigaoka, rooms = made["光が丘"], made["場所・部屋"]
    aoba = named_corporation("aoba", home_area=hikarigaoka)
    sakura = named_corporation("sakura", home_area=hikarigaoka)
    ResourceFactory(corporation=aoba, kind=rooms, title="あおばの地域交流室",
                    facility=FacilityFactory(corporation=aoba, name="あおばホーム", area=hikarigaoka))
    ResourceFactory(corporation=sakura, kind=rooms, title="さくらの会議室")
    accounts(aoba=aoba, sakura=sakura)
    return {"aoba": aoba, "sakura": sakura}


def _answer(page, username, answer, message):
    log_in(page, username)
    page.goto("/needs/offers/")
    page.get_by_role("link", name="光が丘の子どもの学習支援").click()
    expect(page.get_by_test_id("need-description")).to_contain_text("中学生が放課後に勉強できる場所")
    page.get_by_label(answer).check()
    page.get_by_label("事務局へのメッセージ").fill(message)
    page.get_by_role("button", name="回答する").click()
    expect(page.get_by_text("回答しました。")).to_be_visible()
    log_out(page)


def test_staff_take_a_learning_support_need_from_record_to_a_published_project(page, network):
    # Staff record the need.
    log_in(page, "clerk")
    page.goto("/needs/new/")
    expect(page.get_by_test_id("case-notice")).to_contain_text("氏名・住所・電話番号")
    page.get_by_label("地域課題").check()
    page.get_by_label("件名").fill("光が丘の子どもの学習支援")
    page.get_by_label("内容", exact=True).fill("中学生が放課後に勉強できる場所と、見守る人が足りません。")
    page.get_by_role("group", name="地域").get_by_label("光が丘").check()
    page.get_by_label("学習支援").check()
    page.get_by_label("場所・部屋").check()
    page.get_by_label("ニーズの把握元").select_option(label="ボランティアセンター")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("ニーズを登録しました。")).to_be_visible()
    need = Need.objects.get(title="光が丘の子どもの学習支援")

    # Its candidates: both corporations have a room; A's is in 光が丘 (its facility).
    page.get_by_role("link", name="候補の法人を見る").click()
    candidates = page.get_by_test_id("candidates")
    expect(candidates).to_contain_text("あおばの地域交流室")
    expect(candidates).to_contain_text("【同じ地域】")
    page.get_by_label("社会福祉法人あおば会に打診する").check()
    page.get_by_label("社会福祉法人さくら会に打診する").check()
    page.get_by_label("法人へのメッセージ").fill("会議室をお借りできないでしょうか。")
    page.get_by_role("button", name="選んだ法人に打診する").click()
    expect(page.get_by_text("2法人に打診し、編集者にメールで知らせました。")).to_be_visible()
    expect(page.get_by_test_id("need-status")).to_have_text("打診中")
    log_out(page)

    # One accepts, the other declines.
    _answer(page, "aoba", "応諾（協力できます）", "地域交流室を毎週お貸しできます。")
    _answer(page, "sakura", "辞退（今回は難しい）", "今年度は職員が足りません。")
    assert dict(need.offers.values_list("corporation__name", "status")) == {
        "社会福祉法人あおば会": OfferStatus.ACCEPTED, "社会福祉法人さくら会": OfferStatus.DECLINED}

    # Staff see who answered what, and mark the need 対応中 with A.
    log_in(page, "clerk")
    page.goto(f"/needs/{need.pk}/")
    offers = page.get_by_test_id("offers-table")
    expect(offers).to_contain_text("地域交流室を毎週お貸しできます。")
    expect(offers).to_contain_text("今年度は職員が足りません。")
    page.get_by_role("link", name="対応中にする").click()
    page.get_by_label("社会福祉法人あおば会").check()
    page.get_by_role("button", name="対応中にする").click()
    expect(page.get_by_test_id("need-status")).to_have_text("対応中")

    # A project started from the need: a draft owned by A, then its edit page.
    page.get_by_role("link", name="このニーズから事業をつくる").click()
    expect(page.get_by_label("③ テーマ別課題解決型")).to_be_checked()
    page.get_by_label("概要").fill("中学生の放課後の学習を、法人の地域交流室で支えます。")
    page.get_by_role("button", name="下書きの事業をつくる").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("事業を編集")
    project = Project.objects.get()
    assert project.owner == network["aoba"] and project.title == "光が丘の子どもの学習支援"
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("button", name="公開を申請する").click()
    page.get_by_role("button", name="承認して公開する").click()
    expect(page.get_by_test_id("publication-state")).to_contain_text("公開")
    expect(page.get_by_test_id("project-needs")).to_contain_text("光が丘の子どもの学習支援")

    # Staff publish the need's reviewed text; the published project shows it in public.
    page.goto(f"/needs/{need.pk}/publish/")
    page.get_by_label("一般に公開（この地域で求められていること）").check()
    page.get_by_label("公開用の件名").fill("子どもの学習支援の場が求められています")
    page.get_by_label("この文章を確認し").check()
    page.get_by_role("button", name="承認して公開する").click()
    expect(page.get_by_text("承認した文章で公開しました。")).to_be_visible()
    log_out(page)

    page.goto(f"/catalogue/{project.pk}/")
    answered = page.get_by_test_id("project-needs")
    expect(answered).to_contain_text("子どもの学習支援の場が求められています")
    answered.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("子どもの学習支援の場が求められています")
    need.refresh_from_db()
    assert need.status == NeedStatus.IN_PROGRESS and list(need.projects.all()) == [project]


def test_the_needs_pages_have_no_wcag_violations(page, network):
    from accounts.models import User
    from needs import services
    from tests.e2e.accessibility import axe_violations
    from tests.needs.factories import CaseFactory, NeedFactory, send

    staff = User.objects.get(username="clerk")
    need = NeedFactory(in_charge=staff, title="光が丘の学習支援", areas=[network["aoba"].home_area])
    need.resource_kinds.set(network["aoba"].resources.values_list("kind", flat=True))
    (offer,) = send(need, network["aoba"], staff=staff)
    services.need_publish(need=need, acting_user=staff, visibility="public", public_title="学習支援の場",
                          public_description="光が丘で求められています。")
    case = CaseFactory(in_charge=staff)
    resource = network["aoba"].resources.first()
    pages = {
        "clerk": ["/needs/", "/needs/new/", f"/needs/{need.pk}/", f"/needs/{need.pk}/candidates/",
                  f"/needs/{need.pk}/status/", f"/needs/{need.pk}/publish/", f"/needs/{case.pk}/", "/needs/offers/",
                  "/needs/areas/", "/needs/areas/?by=kind", "/needs/resources/", f"/needs/{need.pk}/take-on/"],
        "aoba": [f"/needs/offers/{offer.pk}/", f"/needs/resources/{resource.pk}/",
                 f"/needs/resources/{resource.pk}/edit/", f"/corporations/{network['aoba'].pk}/"],
        None: ["/local-needs/", f"/local-needs/{need.pk}/", "/local-needs/resources/"],
    }
    for username, paths in pages.items():
        if username:
            log_in(page, username)
        for path in paths:
            page.goto(path)
            violations = axe_violations(page)
            assert not violations, f"{path}: " + "\n".join(violations)
        if username:
            log_out(page)
