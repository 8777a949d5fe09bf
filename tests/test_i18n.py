"""Catalogues compile, keep their placeholders, and Welsh falls back to English where untranslated."""

from __future__ import annotations

import io
import string
from decimal import Decimal
from datetime import date
from pathlib import Path

import pytest
from babel.messages import mofile, pofile

from paemployer import i18n

I18N = Path(__file__).resolve().parent.parent / "i18n"
CATALOGUES = sorted(I18N.glob("*/LC_MESSAGES/paemployer.po"))


def _brace_fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_is_a_welsh_catalogue():
    assert I18N / "cy" / "LC_MESSAGES" / "paemployer.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_compiles_and_keeps_placeholders(po_path):
    with po_path.open("rb") as handle:
        catalog = pofile.read_po(handle)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_brace_fields(text) for text in ids))
        for text in strings:
            found = _brace_fields(text) if text else set()
            # A plural form may leave out the number ("un diwrnod"); it may never invent a placeholder.
            wrong = (found - expected) if len(ids) > 1 else (found ^ expected)
            if text and wrong:
                problems.append(f"{ids[0]!r}: {sorted(found)} != {sorted(expected)}")
        for text in strings:
            if text and "%" in ids[0] and text.count("%") != ids[0].count("%"):
                problems.append(f"{ids[0]!r}: % placeholders differ")
    assert not problems, "\n".join(problems)
    mofile.write_mo(io.BytesIO(), catalog)


def test_untranslated_text_falls_back_to_english():
    i18n.set_locale("cy")
    assert i18n._("A sentence nobody has translated yet, kept in English.") == (
        "A sentence nobody has translated yet, kept in English."
    )


def test_locale_names_are_normalised():
    assert i18n.set_locale("cy_GB") == "cy"
    assert i18n.set_locale("en") == "en_GB"
    assert i18n.set_locale(None) == "en_GB"


def test_money_and_dates_follow_the_locale():
    i18n.set_locale("en_GB")
    assert i18n.format_money(Decimal("1234.5")) == "£1,234.50"
    assert i18n.format_date(date(2026, 11, 24), format="long") == "24 November 2026"
    i18n.set_locale("cy")
    assert "Tachwedd" in i18n.format_date(date(2026, 11, 24), format="long")
    assert i18n.format_money(Decimal("1234.5")) == "£1,234.50"


def test_money_must_be_decimal():
    with pytest.raises(TypeError):
        i18n.format_money(12.5)  # type: ignore[arg-type]


def test_no_translation_call_hides_inside_an_f_string():
    """pybabel cannot see _() inside an f-string on Python 3.11, so such text would never be translated."""
    import re

    package = Path(__file__).resolve().parent.parent / "paemployer"
    pattern = re.compile(r"""\bf(["'])[^\n]*\{_\(["']""")
    offenders = [f"{path.relative_to(package.parent)}:{number}"
                 for path in package.rglob("*.py")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if pattern.search(line)]
    assert not offenders, "use _('… {name} …').format(name=…) instead: " + ", ".join(offenders)


def test_the_template_holds_every_string_in_the_code():
    """Translators work from i18n/paemployer.pot: new text must reach it (python i18n/update_catalogues.py)."""
    from babel.messages.extract import extract_from_dir

    root = I18N.parent
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    in_code = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(root / "paemployer"), method_map=[("**.py", "python")], keywords=keywords):
        in_code.add(message[0] if isinstance(message, tuple) else message)
    with (I18N / "paemployer.pot").open("rb") as handle:
        in_template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in pofile.read_po(handle) if m.id}
    missing = sorted(in_code - in_template)
    assert not missing, f"run python i18n/update_catalogues.py; {len(missing)} new strings, e.g. {missing[:3]}"


def test_a_missing_welsh_catalogue_is_said_not_shown_as_english(monkeypatch, tmp_path, capsys):
    from paemployer.cli import main

    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path)
    i18n._load.cache_clear()
    try:
        assert main(["--locale", "cy", "calc", "minimum-wage", "--date-of-birth", "2000-05-01", "--on", "2026-04-06"]) == 2
        assert "missing from this installation" in capsys.readouterr().err
    finally:
        i18n._load.cache_clear()
        i18n.set_locale("en_GB")


@pytest.mark.parametrize(("minutes", "words"), [(1500, "25 hours"), (60, "1 hour"), (30, "30 minutes"),
                                                (1470, "24 hours 30 minutes"), (0, "0 minutes")])
def test_a_length_of_time_is_said_with_its_units_in_the_right_plural(minutes, words):
    assert i18n.duration_text(minutes) == words


def test_quantities_keep_their_fractions_and_take_the_general_plural():
    assert (i18n.hours_text(Decimal("4.5")), i18n.hours_text(1), i18n.months_text(3)) == ("4.5 hours", "1 hour", "3 months")
