"""Browser journey of a contribution project: posted jointly, submitted, published, found."""

import pytest
from playwright.sync_api import expect

from contributions.models import Project, PublicationState
from core.mail import deliver_queued
from tests.contributions.factories import NetworkPatternFactory
from tests.e2e.conftest import accounts, log_in, log_out, named_corporation, vocabularies
from tests.factories import AreaFactory, FacilityFactory

pytestmark = pytest.mark.e2e

SCRIPT = '<script>window.__pwned = 1;</script><img src="x" onerror="window.__pwned = 2">'


@pytest.fixture
def network(transactional_db):
    oizumi = vocabularies(areas=["大泉", "練馬"], themes=["見守り"])["大泉"]
    owner = named_corporation("jigyodan", home_area=oizumi)
    partner = named_corporation("izumi", home_area=oizumi)
    FacilityFactory(corporation=owner, name="大泉特別養護老人ホーム", area=oizumi)
    accounts(jigyodan=owner)
    return {"owner": owner, "partner": partner}


def test_it_takes_a_joint_project_from_an_editor_to_the_public_catalogue(page, network):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # The editor posts a joint project and submits it.
    log_in(page, "jigyodan")
    page.goto("/projects/new/")
    page.get_by_label("事業名").fill("大泉ふれあい見守りネット")
    page.get_by_label("概要").fill("近くの法人どうしで、一人暮らしの高齢者を見守ります。")
    page.get_by_label("内容").fill(f"月に一度、見守り会議を開きます。\n{SCRIPT}")
    page.get_by_label("② 近隣たすけあい型").check()
    page.get_by_label("貢献の種類").select_option(label="ケア型")
    page.get_by_label("実施状況").select_option(label="実施中")
    page.get_by_role("group", name="地域").get_by_label("大泉").check()
    page.get_by_label("見守り").check()
    page.get_by_label("共同実施法人").fill("いずみ")
    page.get_by_label("社会福祉法人いずみ会").check()
    page.get_by_label("大泉特別養護老人ホーム").check()
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("下書きとして保存しました")).to_be_visible()
    expect(page.get_by_test_id("project-description")).to_contain_text("見守り会議")
    assert page.evaluate("window.__pwned") is None
    page.get_by_role("button", name="公開を申請する").click()
    expect(page.get_by_test_id("publication-state")).to_contain_text("申請中")
    project = Project.objects.get(title="大泉ふれあい見守りネット")
    assert project.owner == network["owner"]
    assert list(project.partners.all()) == [network["partner"]]
    assert project.publication_state == PublicationState.SUBMITTED
    assert "<script" not in project.description
    log_out(page)

    # Not yet public: the catalogue answers 404.
    assert page.goto(f"/catalogue/{project.pk}/").status == 404

    # Staff publish it.
    log_in(page, "clerk")
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("button", name="承認して公開する").click()
    expect(page.get_by_test_id("publication-state")).to_contain_text("公開")
    log_out(page)

    # An anonymous visitor finds it by area and pattern.
    page.goto("/catalogue/")
    page.get_by_label("地域").select_option(label="大泉")
    page.get_by_label("ネットワークのパターン").select_option(label="② 近隣たすけあい型")
    page.get_by_role("button", name="絞り込む").click()
    results = page.get_by_test_id("catalogue-results")
    expect(results).to_contain_text("大泉ふれあい見守りネット")
    expect(results).to_contain_text("社会福祉法人練馬区社会福祉事業団")
    page.get_by_role("link", name="大泉ふれあい見守りネット").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("大泉ふれあい見守りネット")
    expect(page.get_by_test_id("project-description")).to_contain_text("月に一度、見守り会議を開きます。")
    expect(page.get_by_text("社会福祉法人いずみ会")).to_be_visible()

    # The <script> typed into the description never ran, here or on the editor's page.
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("[data-testid=project-description] script").count() == 0
    assert page.locator("[data-testid=project-description] [onerror]").count() == 0


def test_it_sends_back_with_a_comment_and_keeps_the_public_version_while_edited(page, network):
    from django.core import mail

    from accounts.models import User
    from contributions import services
    from tests.contributions.factories import ProjectFactory

    owner = network["owner"]
    editor = owner.memberships.get().user
    project = ProjectFactory(owner=owner, title="福祉講座の出前", areas=[AreaFactory(name="大泉")],
                             pattern=NetworkPatternFactory(number=3))
    services.project_submit(project=project, acting_user=editor)
    services.project_publish(
        project=project, acting_user=User.objects.get(username="clerk"), expected_version=project.version
    )

    # The editor renames the published project and asks for approval.
    log_in(page, "jigyodan")
    page.goto(f"/projects/{project.pk}/edit/")
    page.get_by_label("事業名").fill("福祉・介護講座の出前")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("公開中の内容は、変更を申請して承認されるまでそのままです。")).to_be_visible()
    page.get_by_role("button", name="変更の公開を申請する").click()
    log_out(page)

    # The public still sees the approved title.
    page.goto(f"/catalogue/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("福祉講座の出前")

    # Staff send it back with a comment; the editor is e-mailed and sees the comment.
    log_in(page, "clerk")
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("link", name="差し戻す").click()
    page.get_by_label("差し戻しの理由").fill("講座の対象者を書き足してください。")
    page.get_by_role("button", name="差し戻す").click()
    expect(page.get_by_text("差し戻し、法人の編集者にメールで知らせました。")).to_be_visible()
    deliver_queued()  # what the mail worker does
    assert [m.to for m in mail.outbox] == [[editor.email]]
    log_out(page)

    log_in(page, "jigyodan")
    page.goto(f"/projects/{project.pk}/")
    expect(page.get_by_text("講座の対象者を書き足してください。")).to_be_visible()
    page.goto(f"/catalogue/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("福祉講座の出前")
