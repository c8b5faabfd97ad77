"""The tables the scripts print, one function per kind of result, shared where two scripts print the
same kind (``eval_brief.py`` and ``fit_brief.py``). Each returns text; the script prints it, and
``signed`` puts the signature line under a table."""

from __future__ import annotations

from evaluation.scoring import Figures
from evaluation.signature import line as signature_line


def structure_report(result: dict, signature: str, cv: bool = False, verbose: bool = False) -> str:
    """Per part and over all parts with the signature under them, then each capture with a miss, an
    extra or a wrong title."""
    lines = [f"{result['articles']} articles{' (cross-validated by site)' if cv else ''}",
             f"{'part':<12} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for part, figures in result["parts"].items():
        lines.append(f"{part:<12} {figures['gold']:>5} {figures['precision']:6.3f} {figures['recall']:6.3f} "
                     f"{figures['f1']:6.3f}")
    lines.append(f"{'all':<12} {'':>5} {result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f}")
    lines.append(f"titles right: {result['titles_right']}/{result['articles']}; "
                 f"characters lost: {result['characters_lost']}")
    lines.append(signature_line(signature))
    for a in result["per_article"]:
        if a["missed"] or a["extra"] or not a["title_right"]:
            lines.append(f"\n{a['article']}: {len(a['missed'])} missed, {len(a['extra'])} extra"
                         f"{'' if a['title_right'] else ', TITLE WRONG'}")
            if verbose:
                for part, line in a["missed"]:
                    lines.append(f"   - missed {part}: {line[:90]}")
                for part, line in a["extra"]:
                    lines.append(f"   + extra  {part}: {line[:90]}")
    return "\n".join(lines)


BRIEF_HEADER = ["| selection | bullets P | bullets R | bullets F1 | summary P | summary R | summary F1 |",
                "|---|---|---|---|---|---|---|"]


def brief_row(label: str, bullets: dict[str, float], summary: dict[str, float]) -> str:
    return (f"| {label} | {bullets['precision']:.2f} | {bullets['recall']:.2f} | {bullets['f1']:.2f} | "
            f"{summary['precision']:.2f} | {summary['recall']:.2f} | {summary['f1']:.2f} |")


def brief_table(result: Figures, cv: Figures | None = None) -> str:
    """The tool (cross-validated first, when given) and both first-k baselines, as Markdown."""
    rows = list(BRIEF_HEADER)
    labelled = [("tool, in-sample" if cv else "tool", result, "tool")]
    if cv:
        labelled.insert(0, ("tool, cross-validated by site", cv, "tool"))
    labelled += [(n, result, n) for n in ("first-k (person's k)", "first-k (tool's k)")]
    for label, res, key in labelled:
        rows.append(brief_row(label, res["bullets"][key], res["summary"][key]))
    return "\n".join(rows)


def brief_read_table(result: Figures) -> str:
    """Every selection of an end-to-end (``--read``) result, as Markdown."""
    return "\n".join(BRIEF_HEADER + [brief_row(n, result["bullets"][n], result["summary"][n])
                                     for n in result["bullets"]])


def adherence_report(result: dict) -> str:
    """Name and value, aligned, as ``eval_glossary.py`` has always printed them."""
    rows = [
        ("segments", result["segments"]),
        ("term occurrences", result["occurrences"]),
        ("adherence raw", f"{result['adherence_raw']:.1%}"),
        ("adherence fixed", f"{result['adherence_fixed']:.1%}"),
        ("adherence of the reference", f"{result['reference_adherence']:.1%}"),
        ("chrF++ raw", f"{result['chrf_raw']:.2f}"),
        ("chrF++ fixed", f"{result['chrf_fixed']:.2f}"),
        ("edits", result["edits"]),
        ("false alarms (reference segments)", f"{result['false_alarm_rate']:.1%}"),
    ]
    rows += [(f"findings {k} (raw / reference)", f"{v} / {result['reference_findings'][k]}")
             for k, v in result["findings"].items()]
    rows += [(f"false alarms {k}", f"{v:.1%}") for k, v in result["false_alarms_by_kind"].items()]
    rows.append(("notes on the reference (not findings)", result["reference_notes"]))
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"  {name:<{width}}  {value}" for name, value in rows)


def signed(table: str, signature: str) -> str:
    """The table with its signature line under it."""
    return f"{table}\n{signature_line(signature)}"
