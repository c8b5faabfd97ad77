"""Bytes → article text: the one place that decides what the bytes of an article file mean.

Korean news reaches us as UTF-8 (with or without the BOM that Windows Notepad writes) or, from older
newsroom systems and Windows "ANSI" saves, as CP949 (a superset of EUC-KR). We try strict UTF-8 first,
because a CP949 decode of UTF-8 bytes can succeed and produce convincing-looking nonsense; then strict
CP949, and keep that result only if it reads as Korean (mostly Hangul syllables). Anything else is
refused with one line that names the file and the reason: translating mojibake gives fluent garbage,
which is worse than an error.

Line endings are normalised (CRLF and lone CR become LF) here, so every character offset later in the
pipeline refers to the string this module returns. Nothing else in the text is changed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from briefing.errors import ArticleError
from briefing.files import ARTICLE_LIMIT, STDIN_NAME, is_folder, read_limited, read_stdin, too_big
from briefing.model import Source

#: Largest article accepted. A long feature is ~30 kB of UTF-8; 5 MB means the wrong file was passed
#: (a PDF, a database dump, a whole site archive), not an article.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024

#: Share of Hangul syllables among the non-ASCII letters a CP949 decode must reach to count as
#: Korean. Real articles score above 0.9 (the rest is hanja such as 尹 and symbols such as ◇ ㎞ ·);
#: Latin-1 or Shift-JIS bytes that happen to decode as CP949 score far lower.
MIN_HANGUL_SHARE = 0.6

#: Share of control, private-use or unassigned characters (or U+FFFD) above which decoded bytes
#: are not text: a UTF-16 BOM in front of binary data decodes "successfully" into such characters.
MAX_UNPRINTABLE_SHARE = 0.02


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_UTF32_BOMS = {b"\xff\xfe\x00\x00": "utf-32-le", b"\x00\x00\xfe\xff": "utf-32-be"}

# A saved web page rather than the article text copied out of it: only a document that starts as
# one (a doctype or an <html> element, after an optional XML declaration or comments). Counting
# tag-like tokens anywhere read a story that quotes markup as a page, and the page reader then
# dropped the text after an unclosed tag without counting it.
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*)?(?:<!doctype\s+html|<html[\s>])",
    re.IGNORECASE | re.DOTALL,
)

#: Hangul syllables an article must hold to be read as Korean. An English press release that names a
#: company in Hangul (삼성전자) holds a few; the shortest real Korean article (a one-line brief) holds
#: dozens, and a Korean article that quotes English keeps its Korean around the quote.
MIN_HANGUL_SYLLABLES = 10


# A link rather than a file name: any scheme, so that ftp:// or file:// get "only http(s)", not "no such file".
_URL = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_KOREAN_CHARSETS = {
    "euc-kr", "euckr", "euc_kr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "korean", "csEUCKR".lower(),
    "cp949", "ms949", "uhc", "windows-949", "x-windows-949",
}
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def load_source(arg: str, stdin_bytes: bytes | None = None) -> Source:
    """What ARTICLE names (a text file, a saved page, ``-`` or a link) → text and its known structure.

    A link is fetched (``fetch.py``) and, like an ``.html`` file or HTML on standard input, read as a
    web page (``page.py``); anything else is article text, decoded as ``read_source`` does.
    """
    if _URL.match(arg):
        from briefing.reader.fetch import fetch_page
        from briefing.reader.page import read_page

        fetched = fetch_page(arg)
        return _korean(read_page(decode_html(fetched.body, arg, fetched.charset), fetched.url), arg)
    if arg == "-":
        name = STDIN_NAME
        data = stdin_bytes if stdin_bytes is not None else read_stdin(MAX_ARTICLE_BYTES)
    else:
        if is_folder(arg):
            raise ArticleError(f"{arg} is a directory; pass the article's text file")
        name = arg
        data = read_limited(arg, MAX_ARTICLE_BYTES)
    if arg.lower().endswith(_HTML_SUFFIXES) or _looks_like_html(data[:MAX_ARTICLE_BYTES + 1].decode("latin-1")):
        from briefing.reader.page import read_page

        return _korean(read_page(decode_html(data, name), name), name)
    return _korean(Source(text=decode_bytes(data, name)), name)


def _korean(source: Source, name: str) -> Source:
    """The source, once it is known to be Korean: translating an English file "from Korean" gives an
    empty brief and no finding, which reads as a clean result; translating Korean garbled by a wrong
    charset gives fluent nonsense, so a text whose garbled Korean outweighs its Hangul is refused too."""
    if _not_garbled(source.text, name) < MIN_HANGUL_SYLLABLES:
        raise ArticleError(f"{name} has no Korean text; pass a Korean article")
    return source


def _not_garbled(text: str, name: str) -> int:
    """The text's count of Hangul syllables, once its Korean is known not to be garbled."""
    hangul = _hangul_count(text)
    garbled = _mojibake(text, hangul)
    if garbled:
        raise ArticleError(
            f"{name} holds garbled Korean ({garbled}), which would be translated as nonsense; "
            "save the article again as UTF-8 from where it was written"
        )
    return hangul


def _hangul_count(text: str) -> int:
    return sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")


# Latin-1 letters and Windows-1252 punctuation: what the bytes of Hangul become when read as either.
_SINGLE_BYTE_RUN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                              "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}")


def _mojibake(text: str, hangul: int) -> str | None:
    """How Korean text was garbled, when more Korean hides in runs of Latin-1 or Windows-1252
    characters than the text shows as Hangul (UTF-8 or CP949 bytes read as either: 세종 → ì¸ì¢…, a
    page double-encoded by its server or a file converted twice), else None. Real articles hold a
    few such characters (·, ©, °), never in runs that decode to Hangul."""
    runs = _SINGLE_BYTE_RUN.findall(text)
    if not runs:
        return None
    raw = b" ".join(_single_bytes(run) for run in runs)
    for codec, what in (("utf-8", "UTF-8"), ("cp949", "CP949")):
        korean = raw.decode(codec, errors="replace").replace("\ufffd", "")
        hidden = _hangul_count(korean)
        if hidden >= MIN_HANGUL_SYLLABLES and hidden > hangul and _reads_as_korean(korean):
            return f"{what} bytes read as Latin-1 or Windows-1252"
    return None


def _single_bytes(run: str) -> bytes:
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:  # the five bytes Windows-1252 leaves undefined, kept as Latin-1 has them
            out.append(ord(ch))
    return bytes(out)


def decode_html(data: bytes, name: str, declared: str | None = None) -> str:
    """A web page's bytes → text, by the charset its server declared, then its <meta charset>, then
    detection as for text files. Korean labels (EUC-KR, KS_C_5601-1987) decode as CP949, their
    superset, as browsers do; a declaration the bytes do not fit is passed over (pages lie).

    A declaration can also fit the bytes and still be wrong: every byte is a Latin-1 (or Windows-1252)
    character, so an old server's default ``charset=iso-8859-1`` in front of UTF-8 or CP949 Korean
    decodes "successfully" into mojibake (세종 becomes ì¸ì¢). A declared charset whose text does not
    read as Korean therefore loses to the bytes when they decode strictly as UTF-8 or CP949 and do
    read as Korean; a browser shows the mojibake, but a translator would render it as fluent garbage.
    """
    if len(data) > MAX_ARTICLE_BYTES and not name.startswith(("http://", "https://")):
        raise ArticleError(too_big(name, len(data), MAX_ARTICLE_BYTES))
    if not data.strip():
        raise ArticleError(f"{name} is empty; pass a file with the article's text")
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        declared = "utf-8"
    meta = _META_CHARSET.search(data[:8192])
    for label in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _reads_as_korean(text):
            text = _korean_decode(data) or text
        break
    else:
        text = _decode(data, name)
    _not_garbled(text, name)  # before the page reader, which would find no story in mojibake
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _korean_decode(data: bytes) -> str | None:
    """The bytes as strict UTF-8, else strict CP949, when that reads as Korean; else None."""
    for codec in ("utf-8", "cp949"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_korean(text):
            return text
    return None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _KOREAN_CHARSETS:
        return "cp949"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def read_source(path_or_dash: str, stdin_bytes: bytes | None = None) -> str:
    """Read an article file (or standard input for ``"-"``) and return its text with LF line ends.

    ``stdin_bytes`` lets tests and the CLI hand over standard input without touching ``sys.stdin``,
    as sumy's ``handle_arguments(args, default_input_stream)`` does.
    """
    if path_or_dash == "-":
        if stdin_bytes is None:
            stdin_bytes = read_stdin(MAX_ARTICLE_BYTES)
        return decode_bytes(stdin_bytes, STDIN_NAME)
    if is_folder(path_or_dash):
        raise ArticleError(f"{path_or_dash} is a directory; pass the article's text file")
    return decode_bytes(read_limited(path_or_dash, MAX_ARTICLE_BYTES), path_or_dash)


def decode_bytes(data: bytes, name: str, limit: int = MAX_ARTICLE_BYTES, what: str = ARTICLE_LIMIT) -> str:
    """Decode an article's bytes; ``name`` (a path or "standard input") goes into every error message,
    and ``limit``/``what`` say which size limit applies (``check`` reads 20 MB line-aligned files)."""
    if len(data) > limit:
        raise ArticleError(too_big(name, len(data), limit, what))
    text = _decode(data, name)
    _not_garbled(text, name)  # before the test for control characters, which Latin-1 mojibake is full of
    if _unprintable_share(text) > MAX_UNPRINTABLE_SHARE:
        raise ArticleError(f"{name} does not look like text (control or unassigned characters); save it as UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{name} is empty; pass a file with the article's text")
    if _looks_like_html(text):
        raise ArticleError(
            f"{name} looks like an HTML page; save the article as plain text "
            "(copy the article from the browser into a .txt file)"
        )
    return text


def _decode(data: bytes, name: str) -> str:
    # UTF-32 before UTF-16: the UTF-32-LE BOM begins with the UTF-16-LE one.
    for boms in (_UTF32_BOMS, _UTF16_BOMS):
        for bom, encoding in boms.items():
            if data.startswith(bom):
                try:
                    return data[len(bom) :].decode(encoding)
                except UnicodeDecodeError:
                    raise ArticleError(
                        f"{name} starts with a {encoding.upper()} byte-order mark but is not valid "
                        f"{encoding.upper()}; save it as UTF-8"
                    ) from None
    if data.startswith(_UTF8_BOM):
        try:
            return data[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"{name} starts with a UTF-8 byte-order mark but byte {exc.start + 3} is not UTF-8; "
                "save it as UTF-8"
            ) from None
    if b"\x00" in data:
        raise ArticleError(_nul_reason(data, name))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_korean(text):
        return text
    guess = _guess_encoding(data)
    found = f" (it looks like {guess})" if guess else ""
    raise ArticleError(
        f"{name} is neither UTF-8 nor Korean CP949/EUC-KR text{found}; save it as UTF-8"
    )


def _nul_reason(data: bytes, name: str) -> str:
    # UTF-16 text without a BOM has a NUL in every other byte for ASCII and for many Hangul
    # characters; a binary file (image, PDF, zip) has NULs scattered anywhere.
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if max(even, odd) / half > 0.2 and min(even, odd) / half < 0.05:
        return f"{name} looks like UTF-16 without a byte-order mark; save it as UTF-8"
    return f"{name} looks like a binary file (it contains NUL bytes), not article text"


def _reads_as_korean(text: str) -> bool:
    """True when a CP949 decode is mostly Hangul, i.e. not mojibake from another encoding."""
    hangul = other = 0
    for ch in text:
        if ord(ch) < 128 or ch.isspace():
            continue
        if "\uac00" <= ch <= "\ud7a3":
            hangul += 1
        else:
            other += 1
    return hangul > 0 and hangul / (hangul + other) >= MIN_HANGUL_SHARE


def _unprintable_share(text: str) -> float:
    sample = text[:65536]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or (unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and not ch.isspace())
    )
    return bad / max(1, len(sample))


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, only to make the error message more useful."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a hard dependency, but the message works without it
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None


def _looks_like_html(text: str) -> bool:
    return _HTML_START.search(text[:4096]) is not None


__all__ = ["MAX_ARTICLE_BYTES", "STDIN_NAME", "decode_bytes", "decode_html", "load_source", "read_limited",
           "read_source", "read_stdin", "too_big"]
