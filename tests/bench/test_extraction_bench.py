"""`timeline bench extract` times the two systems' passes in turn, so that a change of load
on the machine meanwhile weighs on both."""

from __future__ import annotations

from timeline.bench.extraction import _measure_alternately


def test_the_systems_passes_alternate_and_each_keeps_its_best() -> None:
    calls: list[str] = []
    texts = [("The treaty was signed on May 13, 2021.", None), ("Talks began in 1997.", "1997-06-01")]

    def runner(name: str) -> object:
        return lambda text, dct: calls.append(name)

    measurements = _measure_alternately({"ours": runner("ours"), "theirs": runner("theirs")}, texts, 11, 3)
    timed = calls[: 3 * 2 * len(texts)]  # the timed passes; the traced pass of each follows
    passes = [timed[i] for i in range(0, len(timed), len(texts))]
    assert passes == ["ours", "theirs", "ours", "theirs", "ours", "theirs"]
    assert [m.name for m in measurements] == ["ours", "theirs"]
    assert all(m.words == 11 and m.seconds >= 0 and m.cpu_seconds >= 0 for m in measurements)
