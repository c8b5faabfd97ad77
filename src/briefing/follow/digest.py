"""The digest of a ``follow`` folder: ``digest.md`` and ``digest.json``, written from the state.

The digest is made from the whole state, not from what this run did, so that a rerun with nothing new
writes the same digest, byte for byte (it holds no time of writing), and a run that was stopped and
resumed writes the digest an uninterrupted run would have. Relevant stories come first, by score
(the best of their versions), each with its English title, its summary, every outlet that carried
it, its glossary findings, what the versions state differently and a link to its full brief; then
every article below ``--min-score`` with its Korean title and score, so that nothing is hidden; then
every failure, one line each. Both files are written atomically, JSON last.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from briefing.files import write_file
from briefing.follow.state import BRIEFS, FAILED, MAX_TRIES, READ, ItemRow

DIGEST_SCHEMA = 1


def digest_dict(report, rows: Sequence[ItemRow], threshold: float) -> dict:
    relevant, below = [], []
    for story in sorted(report.stories, key=lambda s: (-s.score, s.first.order)):
        first = story.first
        entry = {
            "title": {"en": first.title_en, "ko": first.title_ko},
            "score": story.score,
            "why": why(first),
            "outlets": [{"outlet": v.outlet, "link": v.link, "published": v.published,
                         "title_ko": v.title_ko} for v in story.versions],
            "differences": [{"kind": d.kind, "first": list(d.first), "other": list(d.other), "link": d.other_link}
                            for d in story.differences],
        }
        if story.score >= report.min_score:
            entry.update({
                "summary": first.summary,
                "brief": f"{BRIEFS}/{first.brief}.md" if first.brief else None,
                "findings": [{"segment": f.get("segment"), "kind": f.get("kind"), "ko": f.get("ko"),
                              "expected": f.get("expected"), "found": f.get("found"),
                              "severity": f.get("severity")} for f in first.findings],
            })
            relevant.append(entry)
        else:
            below.append(entry)
    failures = []
    for row in rows:
        if row.status == FAILED:
            failures.append({"link": row.link, "feed": row.feed, "reason": row.reason, "tries": row.tries,
                             "given_up": row.tries >= MAX_TRIES})
        elif row.status == READ and row.reason and not row.brief:
            failures.append({"link": row.link, "feed": row.feed, "reason": row.reason, "tries": None,
                             "given_up": False})
    return {
        "schema": DIGEST_SCHEMA,
        "min_score": report.min_score,
        "threshold": threshold,
        "stories": relevant,
        "below": below,
        "failures": failures,
        "feeds": [{"feed": f.feed, "items": len(f.items), "error": f.error} for f in report.feeds],
    }


def why(row: ItemRow) -> str:
    parts = [f"{ko} ({where}{f', ×{count}' if count > 1 else ''}) {points:g}"
             for ko, _en, where, count, points in row.terms[:5]]
    more = len(row.terms) - 5
    return "; ".join(parts) + (f"; {more} more" if more > 0 else "") if parts else "no glossary term"


def _cell(text) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ")


def _outlet_line(outlet: dict) -> str:
    name = outlet["outlet"] or outlet["link"]
    return f"[{_cell(name)}]({outlet['link']})" + (f" {outlet['published'][:10]}" if outlet["published"] else "")


def digest_markdown(doc: dict) -> str:
    stories, below, failures = doc["stories"], doc["below"], doc["failures"]
    out = [f"# Digest: {len(stories)} {'story' if len(stories) == 1 else 'stories'} at or above score "
           f"{doc['min_score']:g}", ""]
    out.append(f"{len(below)} below the threshold, {len(failures)} failed; the same story from several outlets is "
               f"told once (text similarity ≥ {doc['threshold']:g}).")
    for n, story in enumerate(stories, 1):
        title = story["title"]["en"] or story["title"]["ko"] or story["outlets"][0]["link"]
        out += ["", f"## {n}. {title}", "", f"*{story['title']['ko'] or ''}* — score {story['score']:g}: {story['why']}", ""]
        out += [f"- {bullet}" for bullet in story["summary"]] or ["- (not briefed yet: see the failures)"]
        out += ["", "Carried by: " + "; ".join(_outlet_line(o) for o in story["outlets"])]
        for d in story["differences"]:
            out.append(f"Differs ({d['kind']}): the briefed version says {', '.join(d['first'])}; "
                       f"{d['link']} says {', '.join(d['other'])}")
        if story["findings"]:
            out.append(f"Glossary findings ({len(story['findings'])}): " + "; ".join(
                f"{f['kind']} {f['ko']}" + (f" → {f['expected']}" if f["expected"] else "") for f in story["findings"][:8])
                + ("; …" if len(story["findings"]) > 8 else ""))
        if story["brief"]:
            out.append(f"Full briefing: [{story['brief']}]({story['brief']})")
    out += ["", f"## Below the threshold ({len(below)})", ""]
    if below:
        out += ["| Score | Title (Korean) | Outlets | Terms |", "|---|---|---|---|"]
        out += [f"| {s['score']:g} | {_cell(s['title']['ko'])} | "
                f"{'; '.join(_outlet_line(o) for o in s['outlets'])} | {_cell(s['why'])} |" for s in below]
    else:
        out.append("None.")
    out += ["", f"## Failures ({len(failures)})", ""]
    for f in failures:
        if f["tries"] is None:
            state = "translation failed; retried on the next run"
        elif f["given_up"]:
            state = f"given up after {f['tries']} tries"
        else:
            state = f"try {f['tries']} of {MAX_TRIES}; retried on the next run"
        shown = f["reason"] if f["link"] in (f["reason"] or "") else f"{f['link']}: {f['reason']}"
        out.append(f"- {shown} ({state})")
    if not failures:
        out.append("None.")
    out += ["", "## Feeds", ""]
    out += [f"- {f['feed']}: " + (f"failed: {f['error']}" if f["error"] else f"{f['items']} items") for f in doc["feeds"]]
    return "\n".join(out) + "\n"


def write_digest(outdir: Path, report, rows: Sequence[ItemRow], threshold: float) -> dict:
    doc = digest_dict(report, rows, threshold)
    write_file(str(Path(outdir) / "digest.md"), digest_markdown(doc))
    write_file(str(Path(outdir) / "digest.json"), json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return doc
