"""Which language a document is written in, among those the extractor has resources for.

py3langid (a maintained fork of langid.py) ships its model inside the wheel, needs no download
and classifies a page in well under a millisecond; it is restricted to the languages that have
a folder under ``resources/``, so it never answers with one the extractor cannot read.
"""

from __future__ import annotations

from functools import cache
from importlib import resources as importlib_resources
from typing import Protocol

SAMPLE_CHARS = 2000  # the start of a document says its language; reading more only costs time
DEFAULT_LANGUAGE = "en"
# A text is read as another language than the default only when the detector is this sure:
# "Sales rose last quarter." scores 0.52 French, "Le ministre est arrivé hier soir." 0.998.
MIN_CONFIDENCE = 0.8


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


@cache
def available_languages() -> tuple[str, ...]:
    """The language codes with a resource folder, sorted."""
    root = importlib_resources.files("timeline.extract") / "resources"
    return tuple(sorted(entry.name for entry in root.iterdir() if (entry / "rules.toml").is_file()))


@cache
def _identifier() -> _Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loaded on first use: ~1 s

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(available_languages()))
    return identifier  # type: ignore[no-any-return]


def detect_language(text: str) -> str:
    """The code of the language ``text`` is written in; the default (English) for text with no
    letters or too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return DEFAULT_LANGUAGE
    if len(available_languages()) == 1:
        return available_languages()[0]
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= MIN_CONFIDENCE else DEFAULT_LANGUAGE
