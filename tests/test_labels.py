"""The words for stored choices live in one place, paemployer/labels.py, for the screens, PDFs and CLI alike."""

import ast
import inspect
from enum import Enum
from pathlib import Path

from paemployer import labels
from paemployer.store import models

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "paemployer"

# Worded in whole sentences with their date ("Decided: to be sorted out by …"), never as a label alone.
NOT_LABELLED = {models.DecisionKind}

STORED_CHOICES = [
    value for value in vars(models).values()
    if inspect.isclass(value) and issubclass(value, Enum) and value.__module__ == models.__name__
]


def _label_maps() -> list[dict]:
    return [function() for name, function in vars(labels).items()
            if name.endswith("_labels") and callable(function) and not inspect.signature(function).parameters]


def test_every_stored_choice_has_its_words_in_labels():
    maps = _label_maps()
    unworded = [choice.__name__ for choice in STORED_CHOICES if choice not in NOT_LABELLED
                and not any(set(choice) <= set(words) for words in maps)]
    assert not unworded, f"labels.py has no words for every value of: {unworded}"


def test_one_value_is_worded_from_the_same_map_and_an_unknown_one_as_stored():
    for label, words in ((labels.shift_kind_label, labels.shift_kind_labels()),
                         (labels.shift_status_label, labels.shift_status_labels()),
                         (labels.absence_kind_label, labels.absence_kind_labels()),
                         (labels.cover_role_label, labels.cover_role_labels())):
        for member, text in words.items():
            assert label(member) == label(member.value) == text
        assert label("not_a_value_we_know") == "not_a_value_we_know"


def _is_translation(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"_", "N_"}


def _stored_choice_of(key: ast.AST | None) -> type[Enum] | None:
    """The stored choice a dict key names: `ShiftKind.DAY`, or a string that is a value of only that choice."""
    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name):
        return next((c for c in STORED_CHOICES if c.__name__ == key.value.id), None)
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        owners = [c for c in STORED_CHOICES if key.value in {m.value for m in c}]
        return owners[0] if len(owners) == 1 else None
    return None


def test_no_module_but_labels_words_stored_choices():
    """A dict giving translated words to two or more values of one stored choice belongs in labels.py."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "labels.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            worded = [_stored_choice_of(key) for key, value in zip(node.keys, node.values) if _is_translation(value)]
            for choice in {c for c in worded if c is not None}:
                if worded.count(choice) >= 2:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} words {choice.__name__}")
    assert not found, "Move these into paemployer/labels.py:\n" + "\n".join(found)
