"""What a run of the checks returns: the segments as reviewed, the findings, the notes and the repairs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from briefing.model import Edit, Issue, Segment


@dataclass(frozen=True)
class CheckReport:
    """What ``run_checks`` found and (with ``fix``) changed.

    ``reviewed`` holds every segment checked, in order, with ``en`` repaired (as given without ``fix``)
    and the ``rendered`` flags and rendering ``spans`` of that English. Findings of the English as given
    are in ``issues`` (``fixed`` where the repair removed them), notes apart in ``notes``; findings, notes
    and edits name their segment by id. ``rendered_count`` counts hits rendered in the English as given,
    ``rendered_fixed`` in the English as returned (equal without ``fix``); ``kinds`` lists every
    registered check, so that ``counts`` names those with no finding too.
    """

    reviewed: tuple[Segment, ...]
    issues: tuple[Issue, ...]
    edits: tuple[Edit, ...]
    rendered_count: int
    notes: tuple[Issue, ...] = ()  # severity "note": shown to a reviewer, never counted as findings
    kinds: tuple[str, ...] = ()

    @property
    def segments(self) -> int:
        """How many segments were checked."""
        return len(self.reviewed)

    @property
    def term_occurrences(self) -> int:
        return sum(len(s.hits) for s in self.reviewed)

    @property
    def rendered_fixed(self) -> int:
        return sum(sum(s.rendered or ()) for s in self.reviewed)

    @property
    def fixed(self) -> int:
        """Findings the repair removed."""
        return sum(i.fixed for i in self.issues)

    @property
    def en(self) -> tuple[str, ...]:
        """Every segment's English as returned: what ``check --fix`` writes back and evaluations score
        (an empty string where a segment has none)."""
        return tuple(s.en or "" for s in self.reviewed)

    def line_of(self, segment_id: str) -> int:
        """The 1-based position of a segment among those checked (the line of a line-aligned file)."""
        return self._lines[segment_id]

    @cached_property
    def _lines(self) -> dict[str, int]:
        return {s.id: n for n, s in enumerate(self.reviewed, 1)}

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind present."""
        out = {kind: 0 for kind in self.kinds}
        for issue in self.issues:
            out[issue.kind] = out.get(issue.kind, 0) + 1
        return out
