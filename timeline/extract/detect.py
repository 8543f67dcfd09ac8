"""Which language a document is written in, among those the extractor has resources for.

py3langid (a maintained fork of langid.py) ships its model inside the wheel, needs no download
and classifies a page in well under a millisecond; it is restricted to the languages that have
a folder under ``resources/``, so it never answers with one the extractor cannot read.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources as importlib_resources
from typing import Protocol

# The start of a document says its language. The detector costs about 0.45 ms a thousand
# characters, a tenth of what extracting them costs: it reads the first 100 characters, and the
# first 2,000 only where those leave it unsure (a title of names, a byline).
SAMPLES = (100, 2000)
DEFAULT_LANGUAGE = "en"
# A text is read as another language than the default only when the detector is this sure:
# "Sales rose last quarter." scores 0.52 French, "Le ministre est arrivé hier soir." 0.998.
MIN_CONFIDENCE = 0.8
# A sample this long with none of the other languages' own letters is the default language's
# ("esta tarde frente al ayuntamiento" has none; a page of Spanish always has some).
MARKER_SAMPLE = 500


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


@cache
def available_languages() -> tuple[str, ...]:
    """The language codes with a resource folder, sorted."""
    root = importlib_resources.files("timeline.extract") / "resources"
    return tuple(sorted(entry.name for entry in root.iterdir() if (entry / "rules.toml").is_file()))


@cache
def _marker_letters() -> frozenset[str] | None:
    """The letters the other languages write and the default one never does ("ñ", "ç", "é"), as
    their ``language.toml`` ``[detection] letters`` declare them; None when one declares none.

    A text of :data:`MARKER_SAMPLE` characters or more with none of them is the default
    language's, and the detector (a tenth of the cost of extracting a news article) is not run.
    """
    root = importlib_resources.files("timeline.extract") / "resources"
    letters: set[str] = set()
    for code in available_languages():
        if code == DEFAULT_LANGUAGE:
            continue
        declared = tomllib.loads((root / code / "language.toml").read_text(encoding="utf-8")).get("detection", {})
        if not declared.get("letters"):
            return None
        letters |= set(declared["letters"]) | set(declared["letters"].upper())
    return frozenset(letters)


@cache
def _identifier() -> _Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loaded on first use: ~1 s

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(available_languages()))
    return identifier  # type: ignore[no-any-return]


def detect_language(text: str) -> str:
    """The code of the language ``text`` is written in; the default (English) for text with no
    letters or too short to tell."""
    sample = text[: SAMPLES[-1]]
    if len(available_languages()) == 1 or not any(ch.isalpha() for ch in sample):
        return DEFAULT_LANGUAGE
    markers = _marker_letters()
    if len(sample) >= MARKER_SAMPLE and markers is not None and markers.isdisjoint(sample):
        return DEFAULT_LANGUAGE
    for size in SAMPLES:
        language, probability = _identifier().classify(text[:size])
        if probability >= MIN_CONFIDENCE:
            return str(language)
        if size >= len(text):
            break
    return DEFAULT_LANGUAGE
