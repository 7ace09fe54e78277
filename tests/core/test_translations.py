"""The English translation is complete and compiled: no entry left empty or fuzzy."""

from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import reverse

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(LOCALE / "django.po"))


def test_it_translates_every_entry(catalogue):
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert not missing, f"untranslated or fuzzy entries in locale/en: {missing[:20]}"


def test_it_keeps_the_compiled_catalogue_in_step(catalogue):
    compiled = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural)
        for entry in polib.mofile(str(LOCALE / "django.mo"))
    }
    source = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural)
        for entry in catalogue
        if entry.translated() and not entry.obsolete
    }
    stale = sorted(key[1] for key in source if compiled.get(key) != source[key])
    assert not stale, f"run `make messages`: django.mo does not match django.po for {stale[:10]}"


def test_it_keeps_placeholders_in_translations(catalogue):
    import re

    placeholder = re.compile(r"%\(\w+\)s|\{\{ *\w+ *\}\}")
    for entry in catalogue:
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                assert set(placeholder.findall(text)) <= set(
                    placeholder.findall(entry.msgid + entry.msgid_plural)
                ), entry.msgid
        elif entry.msgstr:
            assert set(placeholder.findall(entry.msgstr)) == set(placeholder.findall(entry.msgid)), entry.msgid


def test_it_serves_the_register_in_english(world):
    client = Client()
    client.force_login(world.staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("corporations:list")).content.decode()
    assert '<html lang="en">' in html
    assert "Register of corporations" in html or "Corporation register" in html or "Corporations" in html
    assert "法人名簿" not in html
