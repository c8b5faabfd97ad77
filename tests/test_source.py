"""Reading article bytes: the encodings Korean newsrooms produce, and the files people pass by mistake."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import ArticleError
from briefing.reader.source import MAX_ARTICLE_BYTES, decode_bytes, read_source

ARTICLE = "세종시, 일본과 교류 물꼬\n세종시가 일본 순방 성과를 밝혔다.\n"


def test_utf8_file_is_read_as_is(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    assert read_source(str(path)) == ARTICLE


def test_notepad_utf8_bom_is_dropped(tmp_path):
    # Windows Notepad saves "UTF-8 with BOM"; the BOM must not become part of the title.
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert read_source(str(path)) == ARTICLE


def test_crlf_and_lone_cr_become_lf_so_offsets_match_the_returned_text():
    # A file copied from Windows (CRLF) or an old Mac export (CR) must give the same text.
    data = "제목\r\n본문이다.\r다음 줄이다.\n".encode("utf-8")
    assert decode_bytes(data, "a.txt") == "제목\n본문이다.\n다음 줄이다.\n"


def test_cp949_article_from_an_old_newsroom_system_is_decoded():
    # EUC-KR/CP949 is still what many Korean CMS exports and Windows "ANSI" saves produce.
    # 똠 and 햏 exist only in CP949's extension, not in plain EUC-KR.
    text = "똠방각하 햏 세종시가 일본 순방 성과를 밝혔다.\n"
    assert decode_bytes(text.encode("cp949"), "a.txt") == text


def test_euc_kr_bytes_decode_through_cp949():
    assert decode_bytes(ARTICLE.encode("euc-kr"), "a.txt") == ARTICLE


def test_latin1_text_is_refused_rather_than_turned_into_mojibake():
    # "café" in Latin-1 is not UTF-8; a CP949 decode would either fail or give non-Korean noise.
    data = ("Le café de la gare était fermé. " * 20).encode("latin-1")
    with pytest.raises(ArticleError, match=r"^a\.txt is neither UTF-8 nor Korean CP949/EUC-KR text"):
        decode_bytes(data, "a.txt")


def test_shift_jis_japanese_is_refused():
    # Japanese press releases sit next to Korean ones in a trip folder like the seed's.
    data = ("日本の千葉県と世宗市が協力することになりました。" * 5).encode("shift_jis")
    with pytest.raises(ArticleError, match="neither UTF-8 nor Korean"):
        decode_bytes(data, "press.txt")


def test_utf16_with_bom_is_decoded():
    # Notepad's "Unicode" option writes UTF-16-LE with a BOM; the BOM makes it unambiguous.
    assert decode_bytes(b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "a.txt") == ARTICLE


def test_utf16_without_bom_is_named_in_the_error():
    with pytest.raises(ArticleError) as err:
        decode_bytes(ARTICLE.encode("utf-16-le"), "a.txt")
    assert str(err.value) == "a.txt looks like UTF-16 without a byte-order mark; save it as UTF-8"


def test_binary_file_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(ArticleError) as err:
        decode_bytes(png, "photo.png")
    assert str(err.value) == "photo.png looks like a binary file (it contains NUL bytes), not article text"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u3000\n".encode("utf-8")])
def test_empty_or_whitespace_only_file_is_refused(data):
    with pytest.raises(ArticleError) as err:
        decode_bytes(data, "a.txt")
    assert str(err.value) == "a.txt is empty; pass a file with the article's text"


def test_saved_web_page_is_refused_with_the_way_out():
    page = "<!DOCTYPE html>\n<html><head><title>세종시</title></head><body><p>세종시가 밝혔다.</p></body></html>"
    with pytest.raises(ArticleError) as err:
        decode_bytes(page.encode("utf-8"), "page.html")
    assert str(err.value) == (
        "page.html looks like an HTML page; save the article as plain text "
        "(copy the article from the browser into a .txt file)"
    )


def test_text_with_tags_but_no_doctype_or_html_element_is_read_as_text():
    # Only a document that starts as HTML is a page (#22): tags on every line are still text.
    fragment = "\n".join(f'<p class="txt">세종시가 {i}번째 성과를 밝혔다.</p><br>' for i in range(6))
    assert decode_bytes(fragment.encode("utf-8"), "a.txt") == fragment


def test_article_that_mentions_a_tag_is_not_html():
    # A story about web accessibility may quote a tag; a few tags do not make a web page.
    text = "웹 접근성 지침은 <img> 태그에 대체 텍스트를 넣도록 한다고 밝혔다.\n"
    assert decode_bytes(text.encode("utf-8"), "a.txt") == text


def test_oversized_file_is_refused_before_reading_it_all(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(ArticleError) as err:
        read_source(str(path))
    assert str(err.value) == f"{path} is 5.0 MB, over the 5 MB limit for one article; pass a single article"


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(ArticleError) as err:
        read_source(str(path))
    assert str(err.value) == f"{path}: no such file"


def test_directory_is_refused(tmp_path):
    with pytest.raises(ArticleError) as err:
        read_source(str(tmp_path))
    assert str(err.value) == f"{tmp_path} is a directory; pass the article's text file"


def test_dash_reads_the_given_stdin_bytes():
    # `briefing inspect -` with the article piped in; the CLI passes the bytes through.
    assert read_source("-", stdin_bytes=ARTICLE.encode("cp949")) == ARTICLE


def test_empty_stdin_names_standard_input():
    with pytest.raises(ArticleError) as err:
        read_source("-", stdin_bytes=b"")
    assert str(err.value) == "standard input is empty; pass a file with the article's text"


def test_error_messages_are_one_line():
    for data in (b"", b"\x00\x01", "<html><body>x</body></html>".encode(), b"\xfd\xfe\xff" * 10):
        with pytest.raises(ArticleError) as err:
            decode_bytes(data, "a.txt")
        assert "\n" not in str(err.value)
        assert err.value.exit_code == 2


def test_binary_after_a_utf16_bom_is_refused():
    # A BOM in front of binary data decodes "successfully" as UTF-16 into control and private-use characters.
    with pytest.raises(ArticleError) as err:
        decode_bytes(b"\xff\xfe" + b"\x01\x00\x02\xe0" * 50, "a.bin")
    assert str(err.value) == "a.bin does not look like text (control or unassigned characters); save it as UTF-8"


def test_a_saved_page_over_the_limit_is_one_line_not_a_name_error():
    # decode_html named a helper that no longer existed: an oversized saved page was an internal error.
    from briefing.errors import ArticleError
    from briefing.reader.source import MAX_ARTICLE_BYTES, decode_html

    with pytest.raises(ArticleError, match=r"page\.html is 5\.0 MB, over the 5 MB limit"):
        decode_html(b"<html>" + b"x" * MAX_ARTICLE_BYTES, "page.html")


# --- #22: what is not a Korean article, and markup quoted in one -------------------------------------

MARKUP_ARTICLE = """\
웹 접근성 지침, 태그 사용법 안내
행정안전부는 웹 접근성 지침에서 <p>와 <div> 태그 대신 <article>과 <section> 태그를 쓰라고 권고했다.
지침은 제목에 <h1>과 <h2>를 차례로 쓰고, 강조에는 <strong>을 쓰도록 했다.
이미지에는 <img alt="설명"> 속성을 반드시 넣어야 한다고 밝혔다.
닫히지 않은 <span class="note" 태그가 있는 문서는 화면낭독기가 잘못 읽는다고 덧붙였다.
행안부는 다음 달까지 공공기관 누리집을 점검할 계획이다.
ⓒ 한빛일보 무단전재 및 재배포 금지
"""


def inspect_json(*args, input=None):
    return CliRunner().invoke(cli, ["inspect", *[str(a) for a in args], "--format", "json"], input=input)


@pytest.mark.parametrize("text", [
    "Samsung Electronics announced record quarterly earnings today.\nDemand for memory chips rose.\n",
    # a name in Hangul does not make an English press release Korean
    "Samsung Electronics (삼성전자) announced record earnings.\nThe company said demand rose.\n",
])
def test_an_article_without_korean_text_fails_in_one_line(tmp_path, text):
    path = tmp_path / "press-release.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 2, result.output
    assert result.output == f"Error: {path} has no Korean text; pass a Korean article\n"


def test_english_on_standard_input_fails_naming_standard_input():
    result = CliRunner().invoke(cli, ["inspect", "-"], input=b"Seoul, May 28 (Yonhap) -- The city said so.\n")
    assert result.exit_code == 2, result.output
    assert result.output == "Error: standard input has no Korean text; pass a Korean article\n"


def test_a_korean_article_that_quotes_english_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "세종시, 해외 투자 유치\n"
        'The mayor said "Sejong is open for business, and we welcome every investor from abroad."\n'
        "시는 설명회를 열었다.\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["inspect", str(path)]).exit_code == 0


@pytest.mark.parametrize("suffix", [".txt", "-"])
def test_a_text_article_that_quotes_markup_is_read_whole(tmp_path, suffix):
    # Eight tag-like tokens and an unclosed <span: still article text, every line of it read.
    if suffix == "-":
        result = inspect_json("-", input=MARKUP_ARTICLE.encode("utf-8"))
    else:
        path = tmp_path / "guide.txt"
        path.write_text(MARKUP_ARTICLE, encoding="utf-8")
        result = inspect_json(path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data.get("page") is None  # read as text, not as a web page
    read = json.dumps(data, ensure_ascii=False)
    for line in MARKUP_ARTICLE.splitlines():
        assert json.dumps(line, ensure_ascii=False)[1:-1] in read, line


def test_a_saved_page_in_a_txt_file_is_still_a_page(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>세종시 예산 편성</title></head><body>"
        "<article><h1>세종시 예산 편성</h1><p>세종시가 내년 예산을 편성했다고 12일 밝혔다. 복지 예산이 크게 "
        "늘었고 교통 예산도 늘었다.</p><p>시는 의회에 예산안을 제출할 계획이다.</p></article></body></html>",
        encoding="utf-8")
    result = inspect_json(path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["page"] is not None
