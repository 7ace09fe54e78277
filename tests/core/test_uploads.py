"""core.uploads.reencode_image: only the pixels of an image reach storage, turned upright."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from core import uploads

ARTIST = "Hanako Yamada"
GPS = {1: "N", 2: (35.0, 44.0, 10.0), 3: "E", 4: (139.0, 39.0, 5.0)}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SECRET-XMP</x:xmpmeta>'
COMMENT = b"SECRET-COMMENT"


def camera_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = ARTIST
    exif[ExifTags.Base.Orientation] = orientation  # 6: turn 90° clockwise to show upright
    exif[ExifTags.IFD.GPSInfo] = GPS
    return exif


def landscape() -> Image.Image:
    """40×20, red on the left half, white on the right."""
    image = Image.new("RGB", (40, 20), "white")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    return image


def camera_jpeg() -> bytes:
    """What a phone writes: the GPS position, the author, XMP, a comment, and an orientation tag."""
    buffer = io.BytesIO()
    landscape().save(buffer, "JPEG", exif=camera_exif(), comment=COMMENT, xmp=XMP, quality=95)
    data = buffer.getvalue()
    assert ARTIST.encode() in data and b"SECRET-XMP" in data and COMMENT in data  # the test's own premise
    return data


def camera_png() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", ARTIST)
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    landscape().save(buffer, "PNG", exif=camera_exif(), pnginfo=text)
    return buffer.getvalue()


def camera_webp() -> bytes:
    buffer = io.BytesIO()
    landscape().save(buffer, "WEBP", exif=camera_exif(), xmp=XMP, lossless=True)
    return buffer.getvalue()


def assert_only_pixels(data: bytes):
    for secret in (ARTIST.encode(), b"SECRET-XMP", COMMENT, b"Exif", b"eXIf", b"GPS"):
        assert secret not in data, secret
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif()
    assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp", "Author"} & set(stored.info)


def assert_turned_upright(data: bytes):
    stored = Image.open(io.BytesIO(data)).convert("RGB")
    assert stored.size == (20, 40)  # the 40×20 picture turned a quarter clockwise
    red, green, blue = stored.getpixel((10, 5))  # the left half is now on top
    assert red > 200 and green < 60 and blue < 60
    assert stored.getpixel((10, 35))[1] > 200  # and the white half below it


@pytest.mark.parametrize(
    ("name", "make", "content_type", "image_format"),
    [
        ("camera.jpg", camera_jpeg, "image/jpeg", "JPEG"),
        ("camera.png", camera_png, "image/png", "PNG"),
        ("camera.webp", camera_webp, "image/webp", "WEBP"),
    ],
)
def test_it_keeps_the_pixels_upright_and_drops_every_metadata(name, make, content_type, image_format):
    source = make()
    assert ARTIST.encode() in source and b"SECRET-XMP" in source  # the test's own premise
    stored = uploads.reencode_image(SimpleUploadedFile(name, source), content_type)
    data = stored.read()
    assert stored.name == name and stored.size == len(data)
    assert Image.open(io.BytesIO(data)).format == image_format
    assert_only_pixels(data)
    assert_turned_upright(data)


def test_it_keeps_a_palette_pngs_transparency():
    image = Image.new("P", (4, 4), 0)
    image.putpalette([255, 255, 255, 0, 0, 0])
    image.putpixel((0, 0), 1)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    stored = Image.open(uploads.reencode_image(SimpleUploadedFile("a.png", buffer.getvalue()), "image/png"))
    assert stored.convert("RGBA").getpixel((1, 1))[3] == 0
    assert stored.convert("RGBA").getpixel((0, 0)) == (0, 0, 0, 255)


def test_it_keeps_the_colour_profile():
    buffer = io.BytesIO()
    landscape().save(buffer, "JPEG", icc_profile=b"not-a-real-profile-but-kept")
    stored = Image.open(uploads.reencode_image(SimpleUploadedFile("a.jpg", buffer.getvalue()), "image/jpeg"))
    assert stored.info["icc_profile"] == b"not-a-real-profile-but-kept"


def test_it_refuses_an_image_with_too_many_pixels_before_decoding_them():
    # A hundred million pixels in a PNG of a few kilobytes; the limit is lowered to a million.
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as refused:
        uploads.reencode_image(SimpleUploadedFile("bomb.png", buffer.getvalue()), "image/png", max_pixels=1_000_000)
    assert refused.value.messages == ["画像の画素数が多すぎます（4000万画素まで）。縮小してから登録してください。"]
    assert refused.value.code == "too_many_pixels"


def test_it_refuses_what_pillow_itself_calls_a_bomb(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100)).save(buffer, "JPEG")
    with pytest.raises(ValidationError) as refused:
        uploads.reencode_image(SimpleUploadedFile("bomb.jpg", buffer.getvalue()), "image/jpeg")
    assert refused.value.code == "too_many_pixels"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("cut.jpg", camera_jpeg()[:300], "image/jpeg"),  # the file ends inside the picture
        ("header-only.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"),
        ("riff.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32, "image/webp"),
        ("png-as-jpeg.jpg", camera_png(), "image/jpeg"),  # decoded only as the kind it was accepted as
    ],
)
def test_it_refuses_a_broken_image_with_a_message(name, content, content_type):
    with pytest.raises(ValidationError) as refused:
        uploads.reencode_image(SimpleUploadedFile(name, content), content_type)
    assert refused.value.messages == ["画像を読み込めません。壊れていない画像ファイルを選んでください。"]


def test_it_gives_other_kinds_back_as_they_are():
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 ...")
    assert uploads.reencode_image(upload, "application/pdf") is upload
