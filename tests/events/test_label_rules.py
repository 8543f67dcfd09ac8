"""Rules over the events table that make labels say what happened: posts, bylines, pronouns, repeats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import regex

from timeline.events.label import event_label, text_label
from timeline.events.signature import is_signature_line, signed_post
from timeline.ingest import Document, read_documents
from timeline.pipeline import events_from_documents

DATA = Path(__file__).parents[2] / "data"
SEED = DATA / "armenia-azerbaijan-2021-05-15.txt"


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    """The seed article as `timeline serve` reads it: dated by its own byline."""
    (document,) = [d for d in read_documents([SEED]) if isinstance(d, Document)]
    return events_from_documents([document]).set_index("text", drop=False)


@pytest.fixture(scope="module")
def samples() -> pd.DataFrame:
    return events_from_documents(d for d in read_documents([DATA]) if isinstance(d, Document))


def test_a_tweet_signature_is_labelled_with_the_tweet_it_signs(seed: pd.DataFrame) -> None:
    jake = seed[seed["start"] == seed.loc["May 13, 2021", "start"]].iloc[0]
    assert "Jake" not in jake["label"] and "@" not in jake["label"]
    assert jake["label"].startswith("Azerbaijan") and "crossed the state border of Armenia" in jake["label"]
    assert "https://" not in jake["label"] and "#" not in jake["label"]
    alison = seed[(seed["value"] == "2021-05-14") & seed["sentence"].str.contains("Alison Meuse")].iloc[0]
    assert alison["label"].startswith("Those Western nations with the power to stop this")


def test_the_byline_is_the_documents_publication_not_an_event_labelled_with_itself(seed: pd.DataFrame) -> None:
    byline = seed.loc["Sat, 05/15/2021 – 07:35"]
    assert byline["kind"] == "publication" and byline["label"] == "Published"
    assert (seed["kind"] == "publication").sum() == 1


def test_a_year_mentioned_twice_is_one_event_listing_both_mentions(seed: pd.DataFrame) -> None:
    text = SEED.read_text(encoding="utf-8")
    year = seed[seed["value"] == "2020"]
    assert len(year) == 1 and year.iloc[0]["mentions"] == 2
    start, end = (int(n) for n in year.iloc[0]["other_mentions"].split("-"))
    assert text[start:end] == "last year"


def test_days_in_different_sentences_stay_apart(seed: pd.DataFrame) -> None:
    """Three "today"s in Pashinyan's quote and the tweets of the 14th are different happenings of one day."""
    assert (seed["value"] == "2021-05-14").sum() >= 4


def test_no_label_starts_mid_word_or_on_a_dangling_relative_pronoun(samples: pd.DataFrame) -> None:
    relative = regex.compile(r"^(?:which|who|whom|whose|that)\b", regex.IGNORECASE)
    for row in samples.itertuples():
        label = row.label.lstrip("…")
        assert not relative.match(label), row.label
        first = regex.match(r"[\p{L}\p{N}]+", label)
        if first is None:
            continue
        word = first.group()
        at = [m.start() for m in regex.finditer(regex.escape(word), row.sentence, flags=regex.IGNORECASE)]
        whole = [i for i in at if i == 0 or not row.sentence[i - 1].isalnum()]
        assert whole or word[0].isupper() and word.lower() not in row.sentence.lower(), (row.label, row.sentence)


def test_a_relative_pronoun_gets_its_antecedent_back() -> None:
    sentence = "Both will renew their fierce fighting, which last year killed thousands of troops and civilians."
    start = sentence.index("last year")
    label = event_label(sentence, (start, start + len("last year")))
    assert label == "Fierce fighting killed thousands of troops and civilians"


def test_deep_in_a_long_clause_the_label_is_what_follows_the_date() -> None:
    sentence = (
        "The reason that I did not appeal to Putin for help is that the day before it was stated at the "
        "highest level that the troops were to be withdrawn from the border in full"
    )
    start = sentence.index("the day before")
    label = event_label(sentence, (start, start + len("the day before")))
    assert label.startswith("It was stated at the highest level that the troops were to be withdrawn")


@pytest.mark.parametrize(
    "line",
    [
        "— Jake Hanrahan (@Jake_Hanrahan) May 13, 2021",
        "— ermeni (baby eater)🇦🇲֎ (@syriahay) May 14, 2021",
        "- @newsdesk 14 May 2021",
        "— Alison Meuse (@AliTahmizian) May 14, 2021",
    ],
)
def test_signature_lines(line: str) -> None:
    assert is_signature_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "— and then, on May 13, 2021, the troops left",
        "The minister — speaking on May 13, 2021 — said so",
        "Email the desk at news@example.org by May 13, 2021",
        "May 13, 2021",
    ],
)
def test_lines_that_are_no_signature(line: str) -> None:
    assert not is_signature_line(line)


def test_signed_post_is_the_line_above_and_nothing_without_one() -> None:
    text = "First post here https://t.co/x\n\n— Jake (@jake) May 13, 2021\n"
    signature = text.index("—")
    assert signed_post(text, signature) == (0, len("First post here https://t.co/x"))
    assert text_label(text[0:signature].strip()) == "First post here"
    assert signed_post("— Jake (@jake) May 13, 2021", 0) is None
    assert signed_post(text, 0) is None
