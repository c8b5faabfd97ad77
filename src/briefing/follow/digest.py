"""The digest of a ``follow`` folder: ``digest.md``, ``digest.html`` and ``digest.json``, written from the state.

The digest is made from the whole state, not from what this run did, so that a rerun with nothing new
writes the same digest, byte for byte (it holds no time of writing), and a run that was stopped and
resumed writes the digest an uninterrupted run would have. Relevant stories come first, by score
(the best of their versions), each with its English title, its summary, every outlet that carried
it, its glossary findings, what the versions state differently and a link to its full brief; then
every article below ``--min-score`` with its Korean title and score, so that nothing is hidden; then
every failure, one line each. Each file is written atomically, JSON last.

``digest.html`` is the review page's kin (``formats.html``): its styles inline, no script, a
Content-Security-Policy that forbids every load, one layout for phones and desktops. Every text is
escaped, and a link is a link only when it is http(s): a feed may hold anything in ``<link>``.
"""

from __future__ import annotations

import json
from html import escape
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
                "made_again": first.redone,
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
                             "given_up": row.given_up})
        elif row.status == READ and row.reason:  # its brief failed (a story briefed before keeps that brief)
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
                finding_text(f) for f in story["findings"][:8])
                + ("; …" if len(story["findings"]) > 8 else ""))
        if story["brief"]:
            out.append(f"Full briefing: [{story['brief']}]({story['brief']})"
                       + (f" (made again: {story['made_again']})" if story["made_again"] else ""))
    out += ["", f"## Below the threshold ({len(below)})", ""]
    if below:
        out += ["| Score | Title (Korean) | Outlets | Terms |", "|---|---|---|---|"]
        out += [f"| {s['score']:g} | {_cell(s['title']['ko'])} | "
                f"{'; '.join(_outlet_line(o) for o in s['outlets'])} | {_cell(s['why'])} |" for s in below]
    else:
        out.append("None.")
    out += ["", f"## Failures ({len(failures)})", ""]
    out += [f"- {failure_line(f)}" for f in failures]
    if not failures:
        out.append("None.")
    out += ["", "## Feeds", ""]
    out += [f"- {f['feed']}: " + (f"failed: {f['error']}" if f["error"] else f"{f['items']} items") for f in doc["feeds"]]
    return "\n".join(out) + "\n"


#: What the digest page adds to the review page's styles: a card per story, the outlets, the table.
DIGEST_STYLE = """
.story{border:1px solid var(--line);border-radius:8px;padding:.2rem 1rem .8rem;margin:1rem 0}
.story h2{margin:.8rem 0 .2rem}
.score{display:inline-block;font-size:.8rem;font-weight:650;padding:0 .4rem;border-radius:4px;background:var(--band);
color:var(--soft);font-variant-numeric:tabular-nums}
.why,.outlets,.meta{color:var(--soft);font-size:.9rem;overflow-wrap:anywhere}
.differs{background:var(--fix);border-left:4px solid var(--fixline);padding:.3rem .6rem;margin:.4rem 0;font-size:.92rem;
overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .4rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
td.n{font-variant-numeric:tabular-nums;white-space:nowrap}
th{overflow-wrap:normal}
.failures li{overflow-wrap:anywhere}
@media (max-width:700px){table .terms{display:none}}
"""


def _link(url: str | None, text: str) -> str:
    if url and url.startswith(("http://", "https://")):
        return f'<a href="{escape(url, quote=True)}" rel="noreferrer">{escape(text)}</a>'
    return escape(text)


def _outlets_html(outlets: list[dict]) -> str:
    return "; ".join(_link(o["link"], o["outlet"] or o["link"]) + (f" {escape(o['published'][:10])}" if o["published"] else "")
                     for o in outlets)


def digest_html(doc: dict) -> str:
    from briefing import __version__
    from briefing.formats.html import CSP, STYLE

    stories, below, failures = doc["stories"], doc["below"], doc["failures"]
    heading = f"Digest: {len(stories)} {'story' if len(stories) == 1 else 'stories'} at or above score {doc['min_score']:g}"
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="referrer" content="no-referrer">',
           f"<title>{escape(heading)}</title><style>{STYLE}{DIGEST_STYLE}</style></head><body>",
           f'<header class="top"><h1>{escape(heading)}</h1>',
           f'<p class="prov">{len(below)} below the threshold, {len(failures)} failed; the same story from several '
           f"outlets is told once (text similarity ≥ {doc['threshold']:g}).</p></header><main>"]
    for n, story in enumerate(stories, 1):
        title = story["title"]["en"] or story["title"]["ko"] or story["outlets"][0]["link"]
        out.append(f'<section class="story" id="story-{n}"><h2>{n}. {escape(title)}</h2>')
        out.append(f'<p class="ko kotitle" lang="ko">{escape(story["title"]["ko"] or "")}</p>')
        out.append(f'<p class="why"><span class="score">{story["score"]:g}</span> '
                   f'<span lang="ko">{escape(story["why"])}</span></p>')
        if story["summary"]:
            out.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in story["summary"]) + "</ul>")
        else:
            out.append("<p>(not briefed yet: see the failures)</p>")
        out.append(f'<p class="outlets">Carried by: {_outlets_html(story["outlets"])}</p>')
        for d in story["differences"]:
            out.append(f'<p class="differs">Differs ({escape(d["kind"])}): the briefed version says '
                       f'<span lang="ko">{escape(", ".join(d["first"]))}</span>; {_link(d["link"], d["link"])} says '
                       f'<span lang="ko">{escape(", ".join(d["other"]))}</span></p>')
        if story["findings"]:
            out.append(f'<p class="meta">Glossary findings ({len(story["findings"])}): ' + escape("; ".join(
                finding_text(f) for f in story["findings"][:8])) + ("; …" if len(story["findings"]) > 8 else "") + "</p>")
        if story["brief"]:
            out.append(f'<p class="meta">Full briefing: <a href="{escape(story["brief"], quote=True)}">'
                       f'{escape(story["brief"])}</a>'
                       + (f' (made again: {escape(story["made_again"])})' if story["made_again"] else "") + "</p>")
        out.append("</section>")
    out.append(f"<h2>Below the threshold ({len(below)})</h2>")
    if below:
        out.append('<table><thead><tr><th>Score</th><th>Title (Korean)</th><th>Outlets</th>'
                   '<th class="terms">Terms</th></tr></thead><tbody>')
        out.extend(f'<tr><td class="n">{s["score"]:g}</td><td class="ko" lang="ko">{escape(s["title"]["ko"] or "")}</td>'
                   f'<td>{_outlets_html(s["outlets"])}</td><td class="terms ko" lang="ko">{escape(s["why"])}</td></tr>'
                   for s in below)
        out.append("</tbody></table>")
    else:
        out.append("<p>None.</p>")
    out.append(f"<h2>Failures ({len(failures)})</h2>")
    out.append('<ul class="failures">' + "".join(f"<li>{escape(failure_line(f))}</li>" for f in failures) + "</ul>"
               if failures else "<p>None.</p>")
    out.append(f"<footer>briefing {escape(__version__)}</footer></main></body></html>")
    return "\n".join(out) + "\n"


def finding_text(f: dict) -> str:
    """One finding in a few words: its kind, the Korean it is about (a sentence cut to 30 characters:
    an untranslated finding names the whole sentence) and what the glossary expects."""
    ko = f["ko"] or ""
    ko = ko if len(ko) <= 30 else ko[:29] + "…"
    return f"{f['kind']} {ko}" + (f" → {f['expected']}" if f["expected"] else "")


def failure_line(f: dict) -> str:
    if f["tries"] is None:
        state = "translation failed; retried on the next run"
    elif f["given_up"]:
        state = f"given up after {f['tries']} tries"
    else:
        state = f"try {f['tries']} of {MAX_TRIES}; retried on the next run"
    shown = f["reason"] if f["link"] in (f["reason"] or "") else f"{f['link']}: {f['reason']}"
    return f"{shown} ({state})"


def write_digest(outdir: Path, report, rows: Sequence[ItemRow], threshold: float) -> dict:
    doc = digest_dict(report, rows, threshold)
    write_file(str(Path(outdir) / "digest.md"), digest_markdown(doc))
    write_file(str(Path(outdir) / "digest.html"), digest_html(doc))
    write_file(str(Path(outdir) / "digest.json"), json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return doc
