"""Image material of a meeting is stored re-encoded, like project photos (core.uploads)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Attachment
from tests.core.test_uploads import assert_only_pixels, assert_turned_upright, camera_jpeg
from tests.meetings.factories import MeetingFactory


def _upload(client, meeting, name, content):
    return client.post(
        reverse("meetings:attachment_upload", kwargs={"pk": meeting.pk}), {"file": SimpleUploadedFile(name, content)}
    )


def test_it_stores_an_image_without_its_metadata_and_upright(staff_client, world):
    meeting = MeetingFactory()
    assert _upload(staff_client, meeting, "会場写真.jpg", camera_jpeg()).status_code == 302
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as stored:
        data = stored.read()
    assert attachment.original_name == "会場写真.jpg" and attachment.size == len(data)
    assert_only_pixels(data)
    assert_turned_upright(data)


def test_it_refuses_a_broken_image_with_a_message(staff_client, world):
    meeting = MeetingFactory()
    response = _upload(staff_client, meeting, "cut.jpg", camera_jpeg()[:300])
    assert response.status_code == 400
    assert "画像を読み込めません。壊れていない画像ファイルを選んでください。" in response.content.decode()
    assert not Attachment.objects.exists()
