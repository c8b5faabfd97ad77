"""``briefing check``'s report: one line per finding as linters print them, or the documented JSON.

Every finding is shown whatever its severity; a warning says so and is counted apart, since only an
error left unrepaired sets the exit code. Notes follow the findings.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.model import segment_label
from briefing.formats.layout import finding_detail


def check_dict(outcome) -> dict[str, Any]:
    """``briefing check --format json``: the documented schema (``line`` is 1-based)."""
    report = outcome.report
    return {
        "segments": report.segments,
        "term_occurrences": report.term_occurrences,
        "rendered": report.rendered_count,
        "fixed": report.fixed,
        "findings": [
            {
                "line": report.line_of(issue.segment),
                "kind": issue.kind,
                "ko": issue.ko,
                "expected": issue.expected,
                "found": issue.found,
                "fixed": issue.fixed,
                # additions to the documented schema
                "segment": segment_label(issue.segment),
                "message": issue.message,
                "severity": issue.severity,
                **({"lines": {spelling: list(at) for spelling, at in issue.lines}} if issue.lines else {}),
            }
            for issue in report.issues
        ],
        # low-severity notes (a number the English says another way): same keys as a finding
        "notes": [
            {"line": report.line_of(n.segment), "kind": n.kind, "ko": n.ko, "expected": n.expected, "found": n.found,
             "fixed": n.fixed, "message": n.message, "severity": n.severity, "segment": segment_label(n.segment)}
            for n in report.notes
        ],
        "repairs": [
            {"line": report.line_of(e.segment), "rule": e.rule, "before": e.before, "after": e.after} for e in report.edits
        ],
        # additions: the findings counted by severity (an error left unrepaired sets the exit code)
        "errors": sum(1 for i in report.issues if i.severity == "error"),
        "warnings": _warnings(report.issues),
    }


def _warnings(issues) -> int:
    return sum(1 for i in issues if i.severity == "warning")


def _counted(issues) -> str:
    """"4 findings", or "4 findings (1 warning)": warnings are counted apart because they fail nothing."""
    n = _warnings(issues)
    return f"{len(issues)} findings" + (f" ({n} warning{'s' if n != 1 else ''})" if n else "")


def check_json(outcome) -> str:
    return json.dumps(check_dict(outcome), ensure_ascii=False) + "\n"


def check_text(outcome) -> str:
    """One line per finding, as linters print them, then a one-line total."""
    report = outcome.report
    lines = []
    for issue in report.issues:
        where = segment_label(issue.segment)
        if issue.kind == "untranslated":
            lines.append(f"{where}: untranslated: {finding_detail(issue)}")
            continue
        expected = f" expected “{issue.expected}”" if issue.expected else ""
        found = f" found “{issue.found}”" if issue.found else ""
        fixed = " [fixed]" if issue.fixed else ""
        severity = "warning: " if issue.severity == "warning" else ""
        lines.append(f"{where}: {severity}{issue.kind}: {issue.ko}:{expected}{found}{fixed}".rstrip(":"))
    for note in report.notes:
        where = segment_label(note.segment)
        lines.append(f"{where}: note: {note.message}")
    lines.append(
        f"{report.segments} segments, {report.term_occurrences} term occurrences, "
        f"{report.rendered_count} rendered, {_counted(report.issues)}, {report.fixed} fixed"
    )
    return "\n".join(lines) + "\n"
