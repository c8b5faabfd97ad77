"""The checker scored on a set of labelled injected errors (the layout of ../shared/data/checker-dev):
errors found, false alarms, errors restored by ``--fix`` and lines it changed that held none, always
together, because a measure of one side alone gets optimised at the other's cost.

The folder holds ``kor.txt``, ``eng_clean.txt`` (the reference), ``eng_errors.txt`` (the reference with
one error injected on some lines), ``errors.json`` (one record per error: ``line``, ``kind``, ``ko``,
``was``, ``now``, ``offset``, ``fixable``, ``finding_kinds``, for a term ``term`` and ``en``) and
``glossary.yaml``. The rules are the set's README's:

- found: ``check`` on the errors reports on the error's line a finding of severity error or warning
  whose kind is one of ``finding_kinds`` and that names it (a number: the same digits as ``ko``, or
  for a native number word, which has none (일곱 번), its Korean held by the finding's or holding it; a
  term: its ``ko`` holds the term's Korean or is held by it, or ``expected`` is the term's rendering;
  ``inconsistent``: the injected form is one of the spellings it lists), and that ``check`` does not
  also report on the same line of the clean reference; notes never count;
- false alarm: a line of the clean reference with any finding of severity error or warning;
- fixed: the repaired line holds an accepted rendering of the term where the error stood, the injected
  form is gone and nothing else changed (an a/an just before it may change);
- collateral: a line the repair changed although no error was injected there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from evaluation.errors import DataError

FILES = ("kor.txt", "eng_clean.txt", "eng_errors.txt", "errors.json", "glossary.yaml")
COUNTED = ("error", "warning")


def check_json(folder: Path, english: str) -> dict:
    """``briefing check kor.txt ENGLISH --glossary glossary.yaml --format json``, run as a user runs it."""
    out = _briefing("check", folder / "kor.txt", folder / english, "--glossary", folder / "glossary.yaml",
                    "--format", "json")
    return json.loads(out.stdout)


def check_fixed(folder: Path) -> list[str]:
    """The lines ``check --fix`` writes for the errors file."""
    with tempfile.TemporaryDirectory() as tmp:
        fixed = Path(tmp) / "fixed.txt"
        _briefing("check", folder / "kor.txt", folder / "eng_errors.txt", "--glossary", folder / "glossary.yaml",
                  "--fix", "-o", fixed)
        return fixed.read_text(encoding="utf-8").split("\n")


def _briefing(*args) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True, text=True)
    if result.returncode not in (0, 1):  # 1: findings remain, as expected on the errors
        raise DataError(f"briefing {' '.join(map(str, args[:3]))} … exited {result.returncode}: "
                        f"{result.stderr.strip()[:300]}")
    return result


def read_set(folder: Path) -> tuple[list[dict], list[str], list[str], dict[str, set[str]]]:
    """The error records, the clean and error lines and each term's accepted renderings (by Korean)."""
    missing = [name for name in FILES if not (folder / name).is_file()]
    if missing:
        raise DataError(f"{folder} is not a checker set: it has no {missing[0]} ({', '.join(FILES)} expected)")
    from briefing.glossary import load_glossaries

    records = json.loads((folder / "errors.json").read_text(encoding="utf-8"))
    clean = (folder / "eng_clean.txt").read_text(encoding="utf-8").split("\n")
    errors = (folder / "eng_errors.txt").read_text(encoding="utf-8").split("\n")
    accepted: dict[str, set[str]] = defaultdict(set)
    for term in load_glossaries([folder / "glossary.yaml"]).terms:
        accepted[term.ko].update((term.en, *term.en_variants))
    return records, clean, errors, accepted


def _digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def names_it(finding: dict, record: dict) -> bool:
    if record["kind"] == "number":
        if _digits(record["ko"]):
            return _digits(finding["ko"]) == _digits(record["ko"])
        # a native number word has no digits (일곱 번): the finding names it by its Korean
        return bool(finding["ko"]) and (record["ko"] in finding["ko"] or finding["ko"] in record["ko"])
    if finding["kind"] == "inconsistent":
        return any(record["now"] in spelling for spelling in finding.get("lines") or {})
    term = record.get("term") or ""
    ko = finding.get("ko") or ""
    return bool(term and ko and (term in ko or ko in term)) or (finding.get("expected") == record.get("en") is not None)


def _key(finding: dict) -> tuple:
    return finding["line"], finding["kind"], finding["ko"], finding.get("expected")


def found(record: dict, findings: list[dict], on_clean: set[tuple]) -> bool:
    return any(
        f["line"] == record["line"] and f["severity"] in COUNTED and f["kind"] in record["finding_kinds"]
        and _key(f) not in on_clean and names_it(f, record)
        for f in findings
    )


_ARTICLE = re.compile(r"\b(?:[Aa]n?) $")


def fixed(record: dict, clean_line: str, fixed_line: str, accepted: set[str]) -> bool:
    """Whether the repair restored the error: the text around it as in the reference (an a/an just
    before may change) and, where it stood, the reference's words or an accepted rendering."""
    before = _ARTICLE.sub("", clean_line[: record["offset"]])
    after = clean_line[record["offset"] + len(record["was"]):]
    if not (fixed_line.startswith(before) and fixed_line.endswith(after)) or len(fixed_line) < len(before) + len(after):
        return False
    middle = re.sub(r"^(?:[Aa]n?) ", "", fixed_line[len(before): len(fixed_line) - len(after)])
    if middle == re.sub(r"^(?:[Aa]n?) ", "", clean_line[len(before): len(clean_line) - len(after)]):
        return True
    return middle.casefold() in {form.casefold() for form in accepted | {record.get("en") or ""} if form}


def score(folder: Path) -> dict:
    records, clean, errors, accepted = read_set(folder)
    clean_report, error_report = check_json(folder, "eng_clean.txt"), check_json(folder, "eng_errors.txt")
    repaired = check_fixed(folder)
    on_clean = {_key(f) for f in clean_report["findings"] if f["severity"] in COUNTED}
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fixes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed, unfixed = [], []
    for record in records:
        hit = found(record, error_report["findings"], on_clean)
        by_kind[record["kind"]][0] += hit
        by_kind[record["kind"]][1] += 1
        if not hit:
            missed.append(record)
        if record["fixable"]:
            n = record["line"] - 1
            ok = fixed(record, clean[n], repaired[n], accepted.get(record.get("term") or "", set()))
            fixes[record["kind"]][0] += ok
            fixes[record["kind"]][1] += 1
            if not ok:
                unfixed.append({**record, "repaired": repaired[n]})
    injected = {r["line"] for r in records}
    collateral = [n for n, (a, b) in enumerate(zip(errors, repaired), 1) if a != b and n not in injected]
    alarms = sorted({f["line"] for f in clean_report["findings"] if f["severity"] in COUNTED})
    lines = sum(1 for line in clean if line.strip()) if clean and not clean[-1] else len(clean)
    total_found = sum(v[0] for v in by_kind.values())
    return {
        "errors": len(records),
        "recall": total_found / len(records) if records else 0.0,
        "recall_by_kind": {k: v[0] / v[1] for k, v in sorted(by_kind.items())},
        "found_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "clean_lines": lines,
        "false_alarm_lines": len(alarms),
        "false_alarm_rate": len(alarms) / lines if lines else 0.0,
        "fixable": sum(v[1] for v in fixes.values()),
        "fixed": sum(v[0] for v in fixes.values()),
        "fixed_rate": sum(v[0] for v in fixes.values()) / max(1, sum(v[1] for v in fixes.values())),
        "fixed_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(fixes.items())},
        "collateral_lines": len(collateral),
        "missed": missed,
        "unfixed": unfixed,
        "false_alarms": [(n, [f for f in clean_report["findings"] if f["line"] == n and f["severity"] in COUNTED])
                         for n in alarms],
        "collateral": [(n, errors[n - 1], repaired[n - 1]) for n in collateral],
    }
