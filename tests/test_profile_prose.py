"""A profile's own wording of the process (issue #18; secretariat.prose): the shared
catalogues speak the US-Peru TPA; a profile's catalogues in locale/profiles/<profile>/ come
first in LOCALE_PATHS and word those sentences its own way, English included, and
``profile_prose`` lists what a profile has not worded yet."""

import shutil

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from secretariat import prose

pytestmark = pytest.mark.django_db

STEP = "The Secretariat reviews whether the submission meets the six criteria of Article 18.8.2:"
OWN = "The Secretariat reviews whether the submission meets the five criteria of Article 24.27(2):"


def _profile_catalogue(root, language, entries):
    folder = root / "profiles" / "test-profile" / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale=language)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    with (folder / "django.po").open("wb") as po, (folder / "django.mo").open("wb") as mo:
        write_po(po, catalog)
        write_mo(mo, catalog)
    return folder.parent.parent


def test_the_defaults_own_sentences_are_those_naming_its_articles_and_parties():
    own = {msgid for _context, msgid in prose.default_prose()}
    assert STEP in own
    assert "Sign out" not in own
    assert all(prose.DEFAULT_PROSE.search(msgid) for msgid in own)
    assert len(own) > 50


def test_a_profile_lists_the_sentences_it_has_not_worded(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(settings.BASE_DIR / "locale" / "es", locale / "es")
    _profile_catalogue(locale, "en", {STEP: OWN})
    gaps = prose.missing("test-profile", ["en", "fr"], locale)
    wanted = prose.default_prose(locale)
    assert ("", STEP) not in gaps["en"] and len(gaps["en"]) == len(wanted) - 1
    assert gaps["fr"] == wanted  # no French catalogue yet: every sentence is missing


def test_the_command_fails_until_every_sentence_is_worded(capsys):
    with pytest.raises(CommandError):
        call_command("profile_prose", "cafta-dr", "fr")  # no French catalogue of its own
    assert "Article 18.8.2" in capsys.readouterr().out
    call_command("profile_prose", "us-peru-tpa", "en", "es")  # the default's own
    call_command("profile_prose", "usmca-cec", "en", "fr", "es")  # worded in its three
    assert "0 sentence(s) to word for usmca-cec" in capsys.readouterr().out
    call_command("profile_prose", "cafta-dr", "en", "es")  # worded in its two
    assert "0 sentence(s) to word for cafta-dr" in capsys.readouterr().out


def test_a_profiles_catalogue_words_the_page_its_own_way(client, tmp_path):
    root = _profile_catalogue(tmp_path, "en", {STEP: OWN})
    with override_settings(LOCALE_PATHS=[root, settings.BASE_DIR / "locale"]):
        page = client.get("/en/").content.decode()
        spanish = client.get("/es/").content.decode()
    assert OWN in page and STEP not in page
    # A language the profile's catalogues do not word keeps the shared catalogue's sentence.
    assert "seis requisitos del artículo 18.8.2" in spanish
