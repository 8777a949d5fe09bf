"""Issue 8 item 10: no command writes over an existing file without --force, never over an employer file,
and every file appears whole (written under a temporary name, then renamed into place) or not at all."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from paemployer.cli import main
from paemployer.services import output, records
from paemployer.services.demo import write_demo_file
from paemployer.store import db
from paemployer.store.db import is_employer_file, open_employer_file


@pytest.fixture
def employer_path(tmp_path, today):
    return write_demo_file(tmp_path / "client.paemployer", today=today)


def _pas(path) -> list[str]:
    with open_employer_file(path) as ef:
        return sorted(pa.full_name for pa in records.list_pas(ef))


def _outputs(employer, out, *extra):
    first = records_first_pa(employer)
    return [
        ["ics", str(employer), "--pa", first, "--out", str(out), *extra],
        ["plan", str(employer), "--out", str(out), *extra],
        ["rota", str(employer), "--pdf", str(out), *extra],
    ]


def records_first_pa(path) -> str:
    return _pas(path)[0]


def test_no_output_writes_over_the_employer_file_even_with_force(employer_path, capsys):
    before = employer_path.read_bytes()
    for argv in _outputs(employer_path, employer_path) + _outputs(employer_path, employer_path, "--force"):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "employer file" in err and "nothing was written" in err
        assert employer_path.read_bytes() == before


def test_an_employer_file_is_told_by_its_content_not_its_name(employer_path, tmp_path, capsys):
    disguised = tmp_path / "week.pdf"
    disguised.write_bytes(employer_path.read_bytes())
    assert is_employer_file(disguised)
    for argv in _outputs(employer_path, disguised, "--force"):
        assert main(argv) == 2, argv
        assert "is an employer file" in capsys.readouterr().err
        assert disguised.read_bytes() == employer_path.read_bytes()
    assert not is_employer_file(tmp_path)  # a folder
    text = tmp_path / "notes.txt"
    text.write_text("SQLite format 3 is not at the start of this")
    assert not is_employer_file(text)


def test_outputs_refuse_an_existing_file_without_force_and_replace_it_with_force(employer_path, tmp_path, capsys):
    out = tmp_path / "mine.pdf"
    for argv in _outputs(employer_path, out):
        out.write_text("my own notes")
        assert main(argv) == 2, argv
        assert "already exists" in capsys.readouterr().err
        assert out.read_text() == "my own notes"
        assert main(argv + ["--force"]) == 0, argv
        assert out.read_bytes()[:15] in (b"%PDF-1.4\n%\x93\x8c\x8b\x9e", b"BEGIN:VCALENDAR") or \
            out.read_bytes().startswith((b"%PDF", b"BEGIN:VCALENDAR"))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_an_output_that_fails_part_way_leaves_the_old_file_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the plan printed last week")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(output.OutputFileError, match="disk is full"):
        output.write_output(out, b"%PDF new plan", replace=True)
    assert out.read_bytes() == b"the plan printed last week"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]  # the temporary file is gone too


def test_output_is_renamed_into_place_with_os_replace(tmp_path, monkeypatch):
    out = tmp_path / "week.pdf"
    out.write_bytes(b"old")
    renames = []
    real_replace = os.replace

    def spy(source, target):
        renames.append((os.path.dirname(source), os.fspath(target)))
        assert os.path.exists(source) and open(source, "rb").read() == b"new"  # complete before it is renamed
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    output.write_output(out, b"new", replace=True)
    assert renames == [(str(tmp_path), str(out))]
    assert out.read_bytes() == b"new"


def test_new_with_a_quoted_tilde_refuses_an_existing_file(employer_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    before = _pas(employer_path)
    assert main(["new", "~/client.paemployer", "--employer", "Someone Else", "--nation", "england"]) == 2
    assert "already exists" in capsys.readouterr().err
    with open_employer_file(employer_path) as ef:
        assert records.get_employer(ef).name == "Eleri Davies"
    assert _pas(employer_path) == before


def test_new_expands_a_quoted_tilde(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["new", "~/fresh.paemployer", "--employer", "Jo Bloggs", "--nation", "wales"]) == 0
    assert (tmp_path / "fresh.paemployer").is_file() and not (tmp_path / "~").exists()


def test_a_new_file_appears_only_when_complete(tmp_path, monkeypatch, capsys):
    path = tmp_path / "client.paemployer"
    seen = []
    real_update = records.update_employer

    def update_and_look(ef, **changes):
        seen.append(path.exists())  # while the file is being built
        return real_update(ef, **changes)

    monkeypatch.setattr(records, "update_employer", update_and_look)
    assert main(["new", str(path), "--employer", "Jo Bloggs", "--nation", "wales"]) == 0
    assert seen == [False]
    assert path.exists()

    def killed(ef, **changes):
        raise KeyboardInterrupt  # stopped part-way, as by Ctrl+C

    stopped = tmp_path / "stopped.paemployer"
    monkeypatch.setattr(records, "update_employer", killed)
    assert main(["new", str(stopped), "--employer", "Jo", "--nation", "wales"]) == 130
    assert not stopped.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.paemployer"]  # no stub, no temporary file


def test_a_stopped_demo_leaves_the_file_it_would_replace(employer_path, tmp_path, today, monkeypatch):
    sample = write_demo_file(tmp_path / "sample.paemployer", today=today)
    before = sample.read_bytes()

    def stop(ef):
        raise KeyboardInterrupt

    monkeypatch.setattr(db, "_upgrade", lambda path: stop(None))
    with pytest.raises(KeyboardInterrupt):
        write_demo_file(sample, today=today, overwrite=True)
    assert sample.read_bytes() == before


def test_demo_force_replaces_a_sample_but_never_an_employers_own_file(tmp_path, today, capsys):
    own = tmp_path / "own.paemployer"
    assert main(["new", str(own), "--employer", "Jo Bloggs", "--nation", "wales"]) == 0
    before = own.read_bytes()
    assert main(["demo", str(own), "--force"]) == 2
    assert "employer's own file" in capsys.readouterr().err
    assert own.read_bytes() == before
    sample = tmp_path / "sample.paemployer"
    assert main(["demo", str(sample)]) == 0
    assert main(["demo", str(sample), "--force"]) == 0


def test_demo_onto_a_folder_is_a_sentence(tmp_path, capsys):
    assert main(["demo", str(tmp_path)]) == 2
    assert main(["demo", str(tmp_path), "--force"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert tmp_path.is_dir()


def test_screenshot_never_writes_over_an_employer_file(employer_path, capsys):
    before = employer_path.read_bytes()
    assert main(["--file", str(employer_path), "--screenshot", str(employer_path), "--force"]) == 2
    assert "employer file" in capsys.readouterr().err
    assert employer_path.read_bytes() == before


def test_screenshot_refuses_an_existing_picture_without_force(employer_path, tmp_path, capsys):
    picture = tmp_path / "home.png"
    picture.write_bytes(b"last week's picture")
    assert main(["--file", str(employer_path), "--screenshot", str(picture)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert picture.read_bytes() == b"last week's picture"
    assert main(["--file", str(employer_path), "--screenshot", str(picture), "--force"]) == 0
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_the_set_up_never_gives_an_existing_file_new_answers(employer_path, tmp_path, monkeypatch):
    from paemployer.errors import PAEmployerError
    from paemployer.ui.setup_wizard import SetupAnswers, create_file_from_answers

    monkeypatch.setenv("HOME", str(tmp_path))
    before = _pas(employer_path)
    for path in (employer_path, "~/client.paemployer"):
        with pytest.raises(PAEmployerError, match="already exists"):
            create_file_from_answers(SetupAnswers(name="Someone Else", path=path))
    with open_employer_file(employer_path) as ef:
        assert records.get_employer(ef).name == "Eleri Davies"
    assert _pas(employer_path) == before
    # A new file appears with the answers already in it.
    made = create_file_from_answers(SetupAnswers(name="Jo Bloggs", path=tmp_path / "new.paemployer"))
    with open_employer_file(made) as ef:
        assert records.get_employer(ef).name == "Jo Bloggs"


def _new(path, capsys) -> str:
    assert main(["new", str(path), "--employer", "Jo Bloggs", "--nation", "wales"]) == 2
    return capsys.readouterr().err


def test_new_under_a_file_says_part_of_the_path_is_a_file_as_plan_does(employer_path, tmp_path, capsys):
    blocker = tmp_path / "sum"
    blocker.write_text("a file, not a folder")
    new_said = _new(blocker / "a.paemployer", capsys)
    assert main(["plan", str(employer_path), "--out", str(blocker / "p.pdf")]) == 2
    plan_said = capsys.readouterr().err
    for said in (new_said, plan_said):
        assert "part of the path is a file" in said and str(blocker) in said, said
        assert "File exists" not in said
    assert blocker.read_text() == "a file, not a folder"
    nested = _new(blocker / "deeper" / "a.paemployer", capsys)
    assert "part of the path is a file" in nested and str(blocker) in nested


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
def test_new_in_a_folder_that_takes_no_files_does_not_say_the_folder_is_missing(capsys):
    said = _new("/proc/a.paemployer", capsys)
    assert "does not exist" not in said
    assert "/proc" in said and "cannot be saved" in said


def test_a_name_too_long_is_told_to_be_shorter_not_to_choose_a_folder(employer_path, tmp_path, capsys):
    long_name = tmp_path / ("a" * 300 + ".paemployer")
    for said in (_new(long_name, capsys),
                 main(["plan", str(employer_path), "--out", str(tmp_path / ("p" * 300 + ".pdf"))]) == 2
                 and capsys.readouterr().err):
        assert "the name is too long" in said and "shorter name" in said, said
        assert "Choose a folder that exists" not in said
