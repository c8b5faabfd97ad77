"""The bilingual review page: one self-contained HTML file a reviewer reads side by side.

The title, every finding with a link to the sentence it was found in, and the briefing (what gets
forwarded) on top; then the article, section by section, Korean beside English sentence by sentence, with each glossary
term marked in both languages by its status (rendered, missing, repaired) and each repair shown as before
→ after; boilerplate is collapsed at the end. Nothing is fetched: the styles are inline, there is no
script, and a Content-Security-Policy forbids every external load, so the page reads the same saved to
disk, mailed, or opened offline. One grid serves phones and desktops: the two languages stack below
about 700 px and stand side by side above.
"""

from __future__ import annotations

from html import escape

from briefing import __version__
from briefing.model import Issue, Result, Segment, segment_label
from briefing.formats.layout import NOT_TRANSLATED, by_section, finding_detail, provenance, reading_order, shown
from briefing.formats.xliff import term_status

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
:root{--ink:#1d2329;--soft:#5b6570;--line:#dde2e7;--bg:#fff;--band:#f5f7f9;--ok:#d8f0dc;--okline:#2f8a44;
--bad:#fbdcdc;--badline:#b3261e;--fix:#fdf0c8;--fixline:#9a6b00;--accent:#1f5fa8}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--bg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",
"Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic","NanumGothic",sans-serif}
main,header.top{max-width:1200px;margin:0 auto;padding:0 1rem}
header.top{padding-top:1.2rem;padding-bottom:.6rem;border-bottom:1px solid var(--line)}
h1{font-size:1.55rem;line-height:1.25;margin:.2rem 0}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem}
h3{font-size:1.02rem;margin:1rem 0 .3rem}
.ko{font-family:"Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic","NanumGothic",system-ui,sans-serif}
.kotitle{color:var(--soft);margin:.1rem 0}
.subtitle{font-style:italic;margin:.4rem 0 0}
.prov{color:var(--soft);font-size:.85rem;margin:.6rem 0 0}
a{color:var(--accent)}
ul,ol{padding-left:1.3rem}
li{margin:.25rem 0}
.box{background:var(--band);border:1px solid var(--line);border-radius:8px;padding:.4rem 1rem .6rem;margin-top:1rem}
.box li a{color:inherit;text-decoration-color:#b8c2cc;text-underline-offset:2px}
.row .ko{color:#39434d}
.findings li{overflow-wrap:anywhere}
.kind{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;
padding:0 .35rem;border-radius:4px;background:var(--bad);color:var(--badline)}
.kind.fixed{background:var(--fix);color:var(--fixline)}
.kind.warning{background:#e8e2f7;color:#5a3fa0}
.kind.tag{background:#e6eaee;color:var(--soft)}
.legend{font-size:.9rem;color:var(--soft)}
mark.term{border-radius:3px;padding:0 .1em;color:inherit;border-bottom:2px solid}
mark.rendered{background:var(--ok);border-color:var(--okline)}
mark.missing{background:var(--bad);border-color:var(--badline)}
mark.repaired{background:var(--fix);border-color:var(--fixline)}
mark.unchecked{background:var(--band);border-color:var(--soft)}
.part{border-top:2px solid var(--line);margin-top:1.2rem}
.row{display:grid;grid-template-columns:2.6rem minmax(0,1fr) minmax(0,1fr);gap:.2rem 1.2rem;
padding:.55rem .4rem;border-bottom:1px solid var(--line);scroll-margin-top:.5rem}
.row:target{background:#eef4fb;outline:2px solid var(--accent);outline-offset:2px}
.row.head{font-weight:650;font-size:1.05rem;background:var(--band)}
.row.flagged{box-shadow:inset 4px 0 0 var(--badline);background:#fff8f7}
.row.flagged .num{padding-left:.3rem}
.num{color:var(--soft);font-size:.8rem;font-variant-numeric:tabular-nums;padding-top:.15rem}
.picked .num::after{content:" ★";color:var(--fixline)}
.en,.ko{overflow-wrap:anywhere}
.notes{grid-column:2/4;margin:.2rem 0 0;padding:0;list-style:none;font-size:.9rem}
.notes li{margin:.15rem 0}
del{background:var(--bad);text-decoration-color:var(--badline)}
ins{background:var(--ok);text-decoration:none}
details{margin:2rem 0 3rem}
summary{cursor:pointer;font-weight:600}
details li{color:var(--soft);font-size:.9rem}
footer{color:var(--soft);font-size:.8rem;margin:2rem 0}
@media (max-width:700px){
 .row{grid-template-columns:2rem minmax(0,1fr)}
 .row .en{grid-column:2}
 .notes{grid-column:1/3}
 h1{font-size:1.3rem}
}
"""


def to_html(result: Result, *, briefing: bool = True) -> str:
    article = result.article
    title = result.get("title")
    heading = shown(title) if title else "(untitled article)"
    numbers = {issue_key(i): n for n, i in enumerate(result.issues, 1)}
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(heading)} — review</title>",
        f"<style>{STYLE}</style></head><body>",
        '<header class="top">',
        f"<h1>{escape(heading)}</h1>",
    ]
    if title:
        out.append(f'<p class="ko kotitle" lang="ko">{escape(title.ko)}</p>')
    subtitle = result.get("subtitle")
    if subtitle:
        out.append(f'<p class="subtitle">{escape(shown(subtitle))}</p>')
    out.append(f'<p class="prov">{escape(provenance(result))}</p></header><main>')
    out.extend(_findings(result, numbers))
    if briefing and result.brief:
        out.extend(_briefing(result))
    out.append(
        '<p class="legend">Glossary terms: <mark class="term rendered">rendered</mark> '
        '<mark class="term missing">missing</mark> <mark class="term repaired">repaired</mark>; '
        "★ marks a sentence the briefing uses. Hover a term for its glossary entry.</p>"
    )
    out.append("<h2>Side by side</h2>")
    picked = set(result.brief.summary) | {i for ids in result.brief.sections for i in ids} if result.brief else set()
    order = reading_order(result)
    top = [s for s in order if s.kind in ("title", "subtitle")]
    if top:
        out.append('<section class="part" aria-label="Headline">')
        out.extend(_row(result, s, numbers, picked=False) for s in top)
        out.append("</section>")
    for k, own in enumerate(by_section(result)):
        head = result.heading(k)
        if head is None and not own:
            continue
        label = shown(head) if head else "Lead"
        out.append(f'<section class="part" aria-label="{escape(label, quote=True)}">')
        if head is not None:
            out.append(_row(result, head, numbers, picked=False))
        out.extend(_row(result, s, numbers, picked=s.id in picked) for s in own)
        out.append("</section>")
    if article.boilerplate:
        out.append(f"<details><summary>Set aside as boilerplate ({len(article.boilerplate)} lines, not translated)</summary><ul>")
        out.extend(f'<li><span class="kind tag">{escape(b.kind)}</span> <span class="ko" lang="ko">{escape(b.ko)}</span></li>'
                   for b in article.boilerplate)
        out.append("</ul></details>")
    out.append(f"<footer>briefing {escape(__version__)}</footer></main></body></html>")
    return "\n".join(out) + "\n"


def issue_key(issue: Issue) -> tuple:
    return (issue.segment, issue.kind, issue.ko, issue.expected, issue.found)


def _briefing(result: Result) -> list[str]:
    out = ['<section class="box" aria-label="Briefing"><h2>Summary</h2><ul>']
    out.extend(_brief_line(result.get(i)) for i in result.brief.summary)
    out.append("</ul><h2>Briefing</h2>")
    for k, ids in enumerate(result.brief.sections):
        if not ids:
            continue
        head = result.heading(k)
        out.append(f"<h3>{escape(shown(head) if head else 'Lead')}</h3><ul>")
        out.extend(_brief_line(result.get(i)) for i in ids)
        out.append("</ul>")
    out.append("</section>")
    return out


def _brief_line(sentence: Segment) -> str:
    return f'<li><a href="#{sentence.id}">{escape(shown(sentence))}</a></li>'


def _describe(issue: Issue) -> str:
    return finding_detail(issue) + (" — repaired" if issue.fixed else "")


def _badge(issue: Issue) -> str:
    cls = "fixed" if issue.fixed else ("warning" if issue.severity == "warning" else "")
    severity = " · warning" if issue.severity == "warning" else ""
    return f'<span class="kind {cls}">{escape(issue.kind)}{severity}</span>'


def _findings(result: Result, numbers: dict) -> list[str]:
    issues, edits = result.issues, result.edits
    remaining = sum(1 for i in issues if not i.fixed)
    warnings = sum(1 for i in issues if i.severity == "warning")
    counted = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    out = [f'<section class="box findings" id="findings" aria-label="Findings"><h2>Findings: {len(issues)}'
           f" ({remaining} remaining{counted})</h2>"]
    if issues:
        out.append("<ol>")
        for issue in issues:
            n = numbers[issue_key(issue)]
            out.append(f'<li>{_badge(issue)} <a href="#f{n}">{escape(segment_label(issue.segment))}</a>: '
                       f"{escape(_describe(issue))}</li>")
        out.append("</ol>")
    else:
        out.append("<p>No finding: every glossary term is rendered and every number survives.</p>")
    if result.notes:
        out.append(f"<h3>Notes: {len(result.notes)} (not findings)</h3><ul>")
        out.extend(f'<li><span class="kind tag">{escape(n.kind)}</span> <a href="#{n.segment}">'
                   f"{escape(segment_label(n.segment))}</a>: {escape(n.message)}</li>" for n in result.notes)
        out.append("</ul>")
    if edits:
        out.append(f"<h3>Repairs: {len(edits)}</h3><ul>")
        out.extend(f'<li><a href="#{e.segment}">{escape(segment_label(e.segment))}</a> ({escape(e.rule)}): '
                   f"<del>{escape(e.before)}</del> → <ins>{escape(e.after)}</ins></li>" for e in edits)
        out.append("</ul>")
    out.append("</section>")
    return out


def _row(result: Result, segment: Segment, numbers: dict, *, picked: bool) -> str:
    issues = [i for i in result.issues if i.segment == segment.id]
    notes = [n for n in result.notes if n.segment == segment.id]
    edits = [e for e in result.edits if e.segment == segment.id]
    classes = ["row"]
    if segment.kind in ("title", "subtitle", "heading"):
        classes.append("head")
    if any(not i.fixed for i in issues):
        classes.append("flagged")
    if picked:
        classes.append("picked")
    number = {"title": "T", "subtitle": "S", "heading": segment.id.upper()}.get(segment.kind, segment.id[1:])
    ko, en = _marked_pair(result, segment)
    cells = [
        f'<div class="{" ".join(classes)}" id="{segment.id}" data-segment="{segment.id}">',
        f'<span class="num" title="{escape(segment.label)}">{escape(number)}</span>',
        f'<div class="ko" lang="ko">{ko}</div>',
        f'<div class="en" lang="en">{en}</div>',
    ]
    if issues or notes or edits:
        cells.append('<ul class="notes">')
        for issue in issues:
            n = numbers[issue_key(issue)]
            cells.append(f'<li id="f{n}" class="finding">{_badge(issue)} {escape(_describe(issue))}</li>')
        for note in notes:
            cells.append(f'<li class="note"><span class="kind tag">note</span> {escape(note.message)}</li>')
        for edit in edits:
            cells.append(f'<li class="repair"><span class="kind fixed">repair</span> {escape(edit.rule)}: '
                         f"<del>{escape(edit.before)}</del> → <ins>{escape(edit.after)}</ins></li>")
        cells.append("</ul>")
    cells.append("</div>")
    return "".join(cells)


def _marked_pair(result: Result, segment: Segment) -> tuple[str, str]:
    """The Korean and the English of a segment with each glossary term marked by its status; the
    English mark goes on the first place the review found the rendering (or else an accepted variant)
    standing that no earlier term's mark took."""
    ko_marks, en_marks = [], []
    en = segment.en if segment.en is not None else ""
    for h, hit in enumerate(segment.hits):
        status = term_status(result, segment, h)
        tip = f"{hit.ko} → {hit.en}: {status}" + (f" ({hit.term.note})" if hit.term.note else "")
        ko_marks.append((hit.start, hit.end, status, tip))
        places = segment.spans[h] if segment.spans is not None else ()
        free = next((p for p in places if not _overlaps((p.start, p.end), en_marks)), None)
        if free is not None:
            en_marks.append((free.start, free.end, status, tip))
    english = _marked(en, en_marks) if segment.en is not None else f'<span class="num">{NOT_TRANSLATED}</span>'
    return _marked(segment.ko, ko_marks), english


def _overlaps(span: tuple[int, int], marks: list) -> bool:
    return any(span[0] < m[1] and m[0] < span[1] for m in marks)


def _marked(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    out, cursor = [], 0
    for start, end, status, tip in sorted(marks):
        if start < cursor:
            continue
        out.append(escape(text[cursor:start]))
        out.append(f'<mark class="term {status}" title="{escape(tip, quote=True)}">{escape(text[start:end])}</mark>')
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)
