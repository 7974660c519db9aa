"""Uncompiled catalogues are a warning of ``manage.py check`` and ``runserver`` (walk 41: a
fresh clone started without compiling showed English pages under /es/, naming another treaty,
while ``check`` said "no issues")."""

from django.core import checks

from secretariat import compile_messages


def test_an_uncompiled_catalogue_is_a_warning(tmp_path, monkeypatch):
    po = tmp_path / "es" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Docket"\nmsgstr "Registro"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(compile_messages, "LOCALE", tmp_path)
    [warning] = compile_messages.check_compiled()
    assert warning.id == "secretariat.W001"
    assert f"{tmp_path.name}/es/LC_MESSAGES/django.po" in warning.msg
    assert compile_messages.main() == 0
    assert compile_messages.check_compiled() == []


def test_the_check_is_registered_and_this_checkout_is_compiled():
    assert compile_messages.check_compiled in checks.registry.registry.get_checks()
    assert compile_messages.check_compiled() == []
