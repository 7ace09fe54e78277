from django.urls import reverse


def test_it_logs_a_member_in_to_its_own_corporation(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": "editor_a", "password": "pass-word-1234"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})


def test_it_logs_staff_in_to_the_dashboard(client, world):
    response = client.post(reverse("accounts:login"), {"username": "staff", "password": "pass-word-1234"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:dashboard")
    assert response.context["corporation_count"] == 2


def test_it_says_in_japanese_when_the_password_is_wrong(client, world):
    response = client.post(reverse("accounts:login"), {"username": "staff", "password": "wrong"})
    assert response.status_code == 200
    assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()


def test_it_switches_the_interface_to_english(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert response.content.decode().count('lang="en"') >= 1
    assert '<html lang="en">' in response.content.decode()


def test_it_answers_404_with_a_japanese_page(client, world):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()
