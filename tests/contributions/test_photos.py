"""Photos: checked uploads, re-encoded without metadata, generated names, served only through
views that check access."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from contributions import services
from contributions.models import ProjectPhoto
from tests.contributions.factories import ProjectFactory, published_project
from tests.core.test_uploads import ARTIST, assert_only_pixels, assert_turned_upright, camera_jpeg


def _image(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, image_format)
    return buffer.getvalue()


# Real images (the factories' PNG does not decode): what is stored is made from their pixels.
JPEG = _image("JPEG")
PNG = _image("PNG")
WEBP = _image("WEBP")


def _upload(project):
    return reverse("contributions:photo_create", kwargs={"pk": project.pk})


def _post(client, project, name, content, caption="食堂のようす"):
    return client.post(_upload(project), {"image": SimpleUploadedFile(name, content), "caption": caption})


def test_it_accepts_jpeg_png_and_webp_under_generated_names(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    for name, content, content_type in [
        ("写真.JPG", JPEG, "image/jpeg"), ("a.png", PNG, "image/png"), ("b.webp", WEBP, "image/webp")
    ]:
        assert _post(editor_a_client, project, name, content).status_code == 302
        photo = ProjectPhoto.objects.latest("pk")
        assert photo.content_type == content_type
        assert "写真" not in photo.image.name and photo.image.name.startswith("contributions/photos/")
        assert photo.uploaded_by == world.editor_a


def test_it_refuses_a_file_whose_content_is_not_the_image_it_claims(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = _post(editor_a_client, project, "evil.png", b"<html><script>alert(1)</script></html>")
    assert "JPEG・PNG・WebP の画像ファイルを選んでください。" in response.content.decode()
    assert _post(editor_a_client, project, "photo.gif", b"GIF89a" + b"\x00" * 20).status_code == 200
    assert _post(editor_a_client, project, "photo.png", JPEG).status_code == 200  # extension and content disagree
    assert not ProjectPhoto.objects.exists()


def test_it_stores_and_serves_a_camera_photo_without_position_or_author_and_upright(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    assert _post(editor_a_client, project, "IMG_0001.JPG", camera_jpeg()).status_code == 302
    photo = ProjectPhoto.objects.get()
    with photo.image.open("rb") as stored:
        data = stored.read()
    assert photo.size == len(data) and photo.content_type == "image/jpeg"
    assert_only_pixels(data)
    assert_turned_upright(data)
    served = editor_a_client.get(reverse("contributions:photo", kwargs={"pk": project.pk, "photo_pk": photo.pk}))
    assert b"".join(served.streaming_content) == data and ARTIST.encode() not in data


def test_it_refuses_a_broken_image_or_one_with_too_many_pixels_next_to_the_field(editor_a_client, world, settings):
    project = ProjectFactory(owner=world.corp_a)
    response = _post(editor_a_client, project, "cut.jpg", camera_jpeg()[:300])
    assert response.status_code == 200
    assert "画像を読み込めません。壊れていない画像ファイルを選んでください。" in response.content.decode()
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")  # 48 megapixels in a few kilobytes
    response = _post(editor_a_client, project, "huge.png", buffer.getvalue())
    assert response.status_code == 200
    assert "画像の画素数が多すぎます（4000万画素まで）。縮小してから登録してください。" in response.content.decode()
    assert not ProjectPhoto.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(editor_a_client, world):
    project = ProjectFactory(owner=world.corp_a)
    response = _post(editor_a_client, project, "big.png", PNG + b"\x00" * (5 * 1024 * 1024))
    assert "ファイルが大きすぎます（5MBまで）。" in response.content.decode()
    assert not ProjectPhoto.objects.exists()


def test_it_refuses_uploads_by_a_viewer_or_another_corporation(viewer_a_client, editor_b_client, world):
    project = ProjectFactory(owner=world.corp_a)
    assert _post(viewer_a_client, project, "a.png", PNG).status_code == 403
    assert _post(editor_b_client, project, "a.png", PNG).status_code == 404
    assert not ProjectPhoto.objects.exists()


def test_it_serves_photos_to_those_who_see_the_project_only(editor_a_client, editor_b_client, client, world):
    project = ProjectFactory(owner=world.corp_a)
    _post(editor_a_client, project, "a.png", PNG)
    photo = ProjectPhoto.objects.get()
    url = reverse("contributions:photo", kwargs={"pk": project.pk, "photo_pk": photo.pk})
    response = editor_a_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    served = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(served)).getpixel((0, 0)) == Image.open(io.BytesIO(PNG)).getpixel((0, 0))
    assert editor_b_client.get(url).status_code == 404
    assert client.get(url).status_code == 302
    public = reverse("catalogue:photo", kwargs={"pk": project.pk, "photo_pk": photo.pk})
    assert client.get(public).status_code == 404  # not published


def test_it_shows_a_new_photo_in_public_only_after_approval(editor_a_client, staff_client, client, world):
    project = published_project(world.staff, owner=world.corp_a)
    _post(editor_a_client, project, "a.png", PNG)
    photo = ProjectPhoto.objects.get()
    public = reverse("catalogue:photo", kwargs={"pk": project.pk, "photo_pk": photo.pk})
    assert client.get(public).status_code == 404
    project.refresh_from_db()
    assert project.has_pending_changes
    services.project_submit(project=project, acting_user=world.editor_a)
    services.project_publish(project=project, acting_user=world.staff, expected_version=project.version)
    assert client.get(public).status_code == 200
    assert 'alt="食堂のようす"' in client.get(reverse("catalogue:detail", kwargs={"pk": project.pk})).content.decode()


def test_it_deletes_a_photo_at_once_also_in_public(
    editor_a_client, viewer_a_client, client, world, django_capture_on_commit_callbacks
):
    project = ProjectFactory(owner=world.corp_a)
    _post(editor_a_client, project, "a.png", PNG)
    services.project_submit(project=project, acting_user=world.editor_a)
    services.project_publish(project=project, acting_user=world.staff, expected_version=project.version)
    photo = ProjectPhoto.objects.get()
    delete = reverse("contributions:photo_delete", kwargs={"pk": project.pk, "photo_pk": photo.pk})
    assert viewer_a_client.post(delete).status_code == 403
    assert ProjectPhoto.objects.exists()
    storage, name = photo.image.storage, photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_a_client.post(delete).status_code == 302
    assert not ProjectPhoto.objects.exists()
    assert not storage.exists(name)
    assert photo.history.filter(history_type="-").get().history_user == world.editor_a
    assert client.get(reverse("catalogue:photo", kwargs={"pk": project.pk, "photo_pk": photo.pk})).status_code == 404
