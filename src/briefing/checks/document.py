"""What the checks read (one document's segments) and what a run of them returns."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Edit, Issue, TermHit


@dataclass(frozen=True)
class Document:
    """What the checks read: segment-aligned Korean, English and glossary hits of one document."""

    ko: tuple[str, ...]
    en: tuple[str, ...]
    hits: tuple[tuple[TermHit, ...], ...]
    morphemes: tuple[tuple, ...] = ()  # per segment, (form, tag, start, end); empty when not analysed
    ids: tuple[str, ...] = ()  # per segment, the id findings name it by; empty: l1, l2, … (line numbers)

    def id_of(self, seg: int) -> str:
        return self.ids[seg] if self.ids else f"l{seg + 1}"


@dataclass(frozen=True)
class CheckReport:
    """What ``check_segments`` found and (with ``fix``) changed; ``en`` is the repaired English.

    ``rendered`` holds one flag per hit (parallel to ``hits``) for ``en`` as returned;
    ``rendered_count`` counts hits rendered in the English as given, ``rendered_fixed`` in ``en`` as
    returned (equal without ``fix``); ``fixed`` counts findings the repair removed. Findings and edits
    name their segment by id; ``ids`` holds every segment's id in order.
    """

    segments: int
    term_occurrences: int
    rendered: tuple[tuple[bool, ...], ...]
    rendered_count: int
    fixed: int
    issues: tuple[Issue, ...]
    edits: tuple[Edit, ...]
    en: tuple[str, ...]
    hits: tuple[tuple[TermHit, ...], ...]
    rendered_fixed: int = 0
    notes: tuple[Issue, ...] = ()  # severity "note": shown to a reviewer, never counted as findings
    ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # every registered check's name, so that counts lists those with none

    def line_of(self, segment_id: str) -> int:
        """The 1-based position of a segment among those checked (the line of a line-aligned file)."""
        return self.ids.index(segment_id) + 1

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind present."""
        out = {kind: 0 for kind in self.kinds}
        for issue in self.issues:
            out[issue.kind] = out.get(issue.kind, 0) + 1
        return out
