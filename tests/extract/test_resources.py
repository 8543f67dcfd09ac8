"""ResourceError: a broken language resource file is refused on load, naming the file and the entry.

Each case is the real English resources, copied, with one mistake written into one file; the
loader reads the copy through the same importlib.resources lookup as the packaged files.
"""

from __future__ import annotations

import shutil
from importlib import resources as importlib_resources
from pathlib import Path

import pytest

from timeline.errors import TimelineError
from timeline.extract import resources
from timeline.extract.resources import ResourceError

ENGLISH = Path(str(importlib_resources.files("timeline.extract") / "resources" / "en"))
A_RULE = '\n[[rule]]\nname = "broken"\nkind = "date"\npattern = {pattern}\nexamples = ["May 10 => 2021-05-10"]\n'


def _load_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, change: str, into: str) -> None:
    """Load language "xx": English with ``change`` replacing ``into`` in ``file`` (appended when ``into`` is empty)."""
    folder = tmp_path / "resources" / "xx"
    shutil.copytree(ENGLISH, folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert not into or into in text
    (folder / file).write_text(text.replace(into, change, 1) if into else text + change, encoding="utf-8")
    monkeypatch.setattr(resources.importlib_resources, "files", lambda package: tmp_path)
    resources.load_language.__wrapped__("xx")  # around the cache: nothing of "xx" stays


@pytest.mark.parametrize(
    ("file", "change", "into", "message"),
    [
        ("rules.toml", "[[rule]\n", "", r"^xx/rules\.toml: .*line"),
        ("vocabulary.toml", "= = =\n", "", r"^xx/vocabulary\.toml: "),
        ("rules.toml", A_RULE.format(pattern="'{no_such_fragment}'"), "", r"rule broken: unknown pattern fragment"),
        ("rules.toml", A_RULE.format(pattern="'(?:{month}'"), "", r"^xx/rules\.toml rule broken: bad pattern: "),
        ("rules.toml", A_RULE.replace("pattern = {pattern}\n", ""), "", r"rule broken: missing 'pattern'"),
        ("patterns.toml", "[patterns]\nnope = '(?:@NoSuchTable)'\n", "[patterns]\n", r"\[nope\]: unknown vocabulary"),
    ],
    ids=["toml-syntax-rules", "toml-syntax-vocabulary", "fragment", "regex", "no-pattern", "vocabulary"],
)
def test_a_broken_resource_file_is_a_resource_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, change: str, into: str, message: str
) -> None:
    with pytest.raises(ResourceError, match=message) as raised:
        _load_with(tmp_path, monkeypatch, file, change, into)
    assert isinstance(raised.value, TimelineError) and isinstance(raised.value, ValueError)


def test_the_unbroken_copy_loads_like_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    english = resources.load_language("en")
    _load_with(tmp_path, monkeypatch, "rules.toml", "", "")
    copy = resources.load_language.__wrapped__("xx")
    assert [rule.name for rule in copy.rules] == [rule.name for rule in english.rules]
    assert copy.code == "xx" and copy.fragments == english.fragments
