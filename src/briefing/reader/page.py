"""Saved web page → article text and the structure the page already states, via trafilatura.

A news page is mostly not the story: menus, share buttons, the reporter box, related links, the
most-read list and the footer often outweigh the article. trafilatura (a maintained extractor that
scores DOM blocks by text density and link density) finds the article body, and its XML output keeps
the body's section headings as ``<head>``. What trafilatura does not keep is the headline and the deck
(they sit above the body, in the article header), so those two are read from the page here:

- the headline is the page element whose text is the page's metadata title (``og:title``, ``<title>``
  without the site name, as trafilatura reads it); when no displayed element carries it, the metadata
  title itself;
- the deck (subtitle) is taken only when the page shows it as one: an element whose class or id names
  a subtitle (``subheading``, ``sub_title``, ``deck``…) next to the headline, or an ``<h2>``–``<h4>``
  right after an ``<h1>`` headline inside a ``<header>``/``<hgroup>``. ``og:description`` is never the
  deck: Korean sites fill it with the first sentence of the lead.

The result is plain text (headline, deck, then the body one block per line, Korean exactly as on the
page) plus those parts as hints for ``article.read_article``, which still sets aside bylines,
copyright lines and captions inside the body. Nothing disappears silently: every line of visible page
text that is not in the result is listed in ``PageReport.removed``.

What it gets wrong: a page with several articles (a live blog, a photo gallery) yields whichever block
trafilatura scores highest; a deck styled only by CSS position, with no telling class, is read as body
text (and ``read_article`` may still take it as the subtitle from its shape).
"""

from __future__ import annotations

import re
from typing import Iterator

from briefing.errors import ArticleError
from briefing.model import PageReport, Source
from briefing.reader.chrome import classify
from briefing.reader.shapes import BODY_LINE_MIN, COPYRIGHT, HEADING_MAX, PAGE_DECK_MAX, PAGE_SENTENCE_END

# Tags whose content is never shown as text.
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe", "object"}
# Tags that start a new line when a browser lays the page out.
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "button", "option", "select", "label", "summary", "details",
}
_HEADLINE_TAGS = {"h1", "h2", "h3", "h4"}
_DECK_NAME = re.compile(r"sub[-_]?(?:title|heading|head|tit)|tit[-_]?sub|\bdeck\b|standfirst|\bstitle\b", re.I)
# Chrome regions: a "subtitle" inside them is a menu label or a widget title, never the deck.
_CHROME = {"nav", "footer", "aside"}
# Where a story's sentences never are: the page's chrome, its header (logo, menus) and its form controls,
# and the <div>s that older Korean CMSs name for them (id="footer", class="gnb", "lnb", "top_menu"…).
_NOT_STORY = _CHROME | {"header", "form", "button", "select", "option", "label"}
_CHROME_NAME = re.compile(r"(?<![a-z])(?:footer|gnb|lnb|snb|nav|navi|menu|sitemap|copyright|breadcrumbs?)(?![a-z])", re.I)
_SPACE = re.compile(r"\s+")
# An inline style that hides its element (the last declaration wins in CSS; one hiding one is enough here).
_HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!\s*important\s*)?(?:;|$)", re.I)
# trafilatura's XML: blocks that hold other blocks rather than text of their own.
_XML_BLOCKS = {"p", "head", "list", "item", "table", "row", "cell", "quote", "code", "div", "main"}


def read_page(html: str, origin: str) -> Source:
    """Extract the article of a saved or fetched page; ``origin`` (path, URL) goes into messages."""
    import trafilatura
    from lxml import etree

    page = _parse_html(html, origin)
    tree = _without_hidden(page)
    xml = trafilatura.extract(
        _without_captions(tree),
        output_format="xml",
        with_metadata=True,
        include_formatting=True,  # keeps <hi rend="#b">: a paragraph that is all bold is a subhead
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if not xml:
        raise ArticleError(
            f"{origin}: no article text found in the page; save the article as plain text "
            "(copy it from the browser into a .txt file)"
        )
    doc = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    blocks: list[str] = []
    headings: list[str] = []
    main = doc.find("main")
    for line, is_heading in _xml_lines(main if main is not None else doc):
        blocks.append(line)
        if is_heading:
            headings.append(line)

    if not _holds_story(blocks, tree):
        # trafilatura falls back to whatever text there is (a menu) when the page holds no article.
        blocks = []
    if not blocks:
        raise ArticleError(
            f"{origin}: no article text found in the page; save the article as plain text "
            "(copy it from the browser into a .txt file)"
        )
    meta_title = _clean(doc.get("title") or "")
    headline_el, title = _find_headline(tree, meta_title)
    deck = _find_deck(tree, headline_el) if headline_el is not None else None
    head: list[str] = []
    for part in (title, deck):
        if part and not any(_squash(b) == _squash(part) for b in blocks[:3]):
            head.append(part)
    lines = head + blocks
    text = "\n".join(lines) + "\n"
    removed = _not_kept(_page_lines(page), lines)
    return Source(
        text=text,
        title=title or None,
        subtitle=deck,
        headings=tuple(headings),
        page=PageReport(origin=origin, extractor=f"trafilatura {trafilatura.__version__}", removed=removed),
    )


def _holds_story(blocks: list[str], tree) -> bool:
    """Whether the extraction holds a sentence of a story: a line of the page, outside its menus, footer
    and side columns (as tags, or as the class or id of a ``<div>``) and not mostly link text, that
    ends as a Korean sentence and is not chrome (``chrome.classify``: byline, related link…; nor a
    copyright notice, even one that ends like a sentence).

    A page that is only a menu (the site's name, section links, most-read headlines, the footer) has
    no such line, and trafilatura then returns the menu itself, which was read as a one-sentence
    article under the site's name. A story of one sentence still counts; a story told only in links
    or only in lines without a sentence end does not.
    """
    if not any(len(line) >= BODY_LINE_MIN for line in blocks):
        return False
    extracted = _squash("".join(blocks))
    return any(_squash(line) in extracted for line in _story_lines(tree))


def _story_lines(tree) -> list[str]:
    pieces: list[tuple[str, bool]] = []  # (text, inside a link), "\n" between blocks

    def walk(el, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        names = " ".join(filter(None, (el.get("class"), el.get("id")))) if tag else ""
        if tag and tag not in _INVISIBLE and tag not in _NOT_STORY and not _hidden(el) and not _CHROME_NAME.search(names):
            link = in_link or tag == "a"
            block = tag in _BLOCK
            pieces.append(("\n" if block else "", False))
            pieces.append((el.text or "", link))
            for child in el:
                walk(child, link)
            pieces.append(("\n" if block else "", False))
        pieces.append((el.tail or "", in_link))

    body = tree.find("body")
    walk(body if body is not None else tree, False)
    lines: list[str] = []
    parts: list[tuple[str, bool]] = []
    for text, link in pieces + [("\n", False)]:
        *ends, rest = text.split("\n")
        for end in ends:
            parts.append((end, link))
            line = _clean("".join(t for t, _ in parts))
            linked = sum(len(_squash(t)) for t, in_link in parts if in_link)
            if (len(line) >= BODY_LINE_MIN and 2 * linked < len(_squash(line)) and PAGE_SENTENCE_END.search(line)
                    and classify(line)[0] is None and not COPYRIGHT.search(line)):
                lines.append(line)
            parts = []
        parts.append((rest, link))
    return lines


def _without_hidden(tree):
    """A copy of the page without what a browser never shows: ``hidden`` elements, ``<template>``
    contents, and inline ``display: none`` or ``visibility: hidden`` styles.

    trafilatura drops the inline styles itself but reads a ``hidden`` element or a template as text,
    and a sentence planted there would be translated as the article's. Their text is still counted
    among the removed lines. ``aria-hidden`` is not hidden: a browser shows it (only screen readers
    skip it), and ``hidden="until-found"`` is text the reader's search reveals. What it gets wrong:
    text hidden by a style sheet or a script is read as shown, and a child that sets ``visibility:
    visible`` inside a hidden parent is set aside with it.
    """
    import copy

    shown = copy.deepcopy(tree)
    for el in [el for el in shown.iter() if isinstance(el.tag, str) and _hidden(el)]:
        if el.getparent() is not None and not any(_hidden(a) for a in el.iterancestors()):
            el.drop_tree()  # keeps the text after it, which belongs to its parent
    return shown


def _hidden(el) -> bool:
    if el.tag == "template":
        return True
    flag = el.get("hidden")
    if flag is not None and flag.strip().lower() != "until-found":
        return True
    style = el.get("style")
    return bool(style) and _HIDING_STYLE.search(style) is not None


def _without_captions(tree):
    """A copy of the page without photo captions (figcaption, class or id "caption").

    A caption describes a photo, not the story; trafilatura drops <figcaption> itself but keeps the
    caption cells of the photo tables older Korean sites use, which would then be read as sentences.
    """
    import copy

    clean = copy.deepcopy(tree)
    for el in list(clean.iter("figcaption", "*")):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        names = " ".join(filter(None, (el.get("class"), el.get("id")))).lower()
        if el.tag == "figcaption" or "caption" in names:
            el.drop_tree()
    return clean


def _parse_html(html: str, origin: str):
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    except ValueError:
        # An XML declaration with an encoding inside an already decoded string.
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except etree.ParserError:
        raise ArticleError(f"{origin}: the page has no readable HTML content") from None


# ---- the extractor's XML ----------------------------------------------------------------------------


def _xml_lines(el) -> Iterator[tuple[str, bool]]:
    """(line, is_heading) for trafilatura's XML, in page order; <lb/> breaks a line as <br> does."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "head":
        for line in _split(_inline_text(el)):
            yield line, len(line) <= HEADING_MAX
        return
    if tag == "table":
        for row in el.iter("row"):
            cells = [" ".join(_split(_inline_text(c))) for c in row.iter("cell")]
            line = " ".join(c for c in cells if c)
            if line:
                yield line, False
        return
    if tag == "main" or any(isinstance(c.tag, str) and c.tag in _XML_BLOCKS for c in el):
        for line in _split(el.text or ""):
            yield line, False
        for child in el:
            if isinstance(child.tag, str) and child.tag in _XML_BLOCKS:
                yield from _xml_lines(child)
            else:
                for line in _split(_inline_text(child, tail=False)):
                    yield line, False
            for line in _split(child.tail or ""):
                yield line, False
        return
    lines = _split(_inline_text(el))
    bold_only = tag == "p" and len(el) == 1 and el[0].tag == "hi" and not (el.text or "").strip() and not (el[0].tail or "").strip()
    for line in lines:
        yield line, bold_only and len(lines) == 1 and _is_heading_shaped(line)


def _inline_text(el, tail: bool = False) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_inline_text(child, tail=False))
        parts.append(child.tail or "")
    if tail:
        parts.append(el.tail or "")
    return "".join(parts)


def _split(text: str) -> list[str]:
    return [c for c in (_clean(line) for line in text.split("\n")) if c]


def _is_heading_shaped(line: str) -> bool:
    return len(line) <= HEADING_MAX and not PAGE_SENTENCE_END.search(line)


# ---- headline and deck from the page itself ------------------------------------------------------


def _find_headline(tree, meta_title: str):
    """(element, text): the displayed element that carries the metadata title, else (None, title)."""
    want = _squash(meta_title)
    if not want:
        h1 = [e for e in tree.iter("h1") if _clean(e.text_content()) and not _in_chrome(e)]
        if len(h1) == 1:
            return h1[0], _clean(h1[0].text_content())
        return None, ""
    for el in tree.iter(*_HEADLINE_TAGS, "div", "p", "strong", "span"):
        if _in_chrome(el):
            continue
        text = _clean(el.text_content())
        if text and _squash(text) == want and len(text) <= PAGE_DECK_MAX:
            return _innermost(el, want), text
    return None, meta_title


def _innermost(el, want: str):
    """The <h1>–<h4> inside a wrapper with the same text (<div class="title"><h1>…</h1></div>)."""
    while el.tag not in _HEADLINE_TAGS and len(el) == 1 and _squash(el[0].text_content()) == want:
        el = el[0]
    return el


def _find_deck(tree, headline) -> str | None:
    """The element after the headline that the page marks as the deck, or None (be conservative)."""
    # The headline's block: its nearest ancestor that holds more than the headline (the article header).
    scope = headline.getparent()
    while scope is not None and _squash(scope.text_content()) == _squash(headline.text_content()):
        scope = scope.getparent()
    seen_headline = False
    for el in (scope.iter() if scope is not None else ()):
        if el is headline:
            seen_headline = True
            continue
        if not seen_headline or not isinstance(el.tag, str) or _in_chrome(el):
            continue
        if headline in el.iterancestors():
            continue
        names = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if _DECK_NAME.search(names):
            deck = _deck_text(el)
            if deck:
                return deck
    # <header><h1>headline</h1><h2>deck</h2></header>: the hgroup pattern
    sibling = headline.getnext()
    if (
        headline.tag == "h1"
        and sibling is not None
        and sibling.tag in ("h2", "h3", "h4", "p")
        and any(a.tag in ("header", "hgroup") for a in headline.iterancestors())
    ):
        return _deck_text(sibling)
    return None


def _deck_text(el) -> str | None:
    # A deck of two lines (<br>) is one subtitle: its parts joined by a space.
    text = " ".join(_visible(el))
    if 0 < len(text) <= PAGE_DECK_MAX and not PAGE_SENTENCE_END.search(text):
        return text
    return None


def _in_chrome(el) -> bool:
    return any(a.tag in _CHROME for a in el.iterancestors())


# ---- what the browser shows ------------------------------------------------------------------------


def visible_lines(tree) -> list[str]:
    """The page's text as a browser lays it out, one line per block; scripts and styles excluded."""
    body = tree.find("body")
    return _visible(body if body is not None else tree)


def _page_lines(tree) -> list[str]:
    """The visible lines and, in their places, the text of hidden elements: all a reader could remove."""
    body = tree.find("body")
    return _visible(body if body is not None else tree, hidden_too=True)


def _visible(root, hidden_too: bool = False) -> list[str]:
    chunks: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or (tag in _INVISIBLE and not (hidden_too and tag == "template")) or (
            not hidden_too and _hidden(el)
        ):
            if el.tail:
                chunks.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            chunks.append("\n")
        if el.text:
            chunks.append(el.text)
        for child in el:
            walk(child)
        if block:
            chunks.append("\n")
        if el.tail and el is not root:
            chunks.append(el.tail)

    walk(root)
    return _split("".join(chunks))


def _not_kept(visible: list[str], kept: list[str]) -> tuple[str, ...]:
    """The visible lines that the text does not hold, in page order.

    A line is kept when it equals a kept line, or (second pass) continues one from where the lines
    matched so far end, as the parts of a two-line deck do. A plain substring test would call the
    menu item 정치 kept because a sentence says 원정 치료.
    """
    keys = [_squash(line) for line in kept]
    used = [0] * len(keys)  # how much of each kept line visible lines have matched, from its start
    exact: dict[str, list[int]] = {}
    for k, key in enumerate(keys):
        exact.setdefault(key, []).append(k)
    pending = []
    for line in visible:
        key = _squash(line)
        slots = exact.get(key)
        if slots:
            used[slots.pop(0)] = len(key)
        else:
            pending.append((line, key))
    removed = []
    for line, key in pending:
        k = next((k for k, kk in enumerate(keys) if used[k] < len(kk) and kk.startswith(key, used[k])), None)
        if k is None:
            removed.append(line)
        else:
            used[k] += len(key)
    return tuple(removed)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


__all__ = ["read_page", "visible_lines"]
