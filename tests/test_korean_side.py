"""The Korean side of a model run (reading, the checks' analysis, the briefing's picks) in a forked child:
the translating process never holds the Korean analyser, and nothing a user sees changes."""

import pytest


def test_the_checks_read_morphemes_the_segments_already_carry(monkeypatch):
    # the child analysed every segment: the translating process must not load the analyser to do it again
    from briefing.checks import runner
    from briefing.model import Segment

    def no_analyser(ko):
        raise AssertionError("analysed again")

    segments = [Segment("s1", "sentence", 0, "3명이 왔다.", 0, 7, en="Three people came.")]
    analysed = [Segment(s.id, s.kind, s.section, s.ko, s.start, s.end, en=s.en, morphemes=m)
                for s, m in zip(segments, runner.analyse([s.ko for s in segments]))]
    expected = runner.run_checks(segments).issues
    monkeypatch.setattr(runner, "analyse", no_analyser)
    assert runner.run_checks(analysed).issues == expected
    with pytest.raises(AssertionError, match="analysed again"):
        runner.run_checks(segments)
