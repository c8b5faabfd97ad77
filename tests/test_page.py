"""Saved web pages, as a user saves them from the browser: the story comes out, the chrome is reported."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.reader.source import load_source

PAGES = Path(__file__).parent / "pages"
HANBIT = PAGES / "hanbit-sejong-quantum.html"
NAMHAE = PAGES / "namhae-busan-heavy-ion.euc-kr.html"


# every test gets its own translation cache and no BRIEFING_DEBUG of the developer's shell
pytestmark = pytest.mark.usefixtures("isolated_cache")


def inspect_json(*args, input=None) -> dict:
    result = CliRunner().invoke(cli, ["inspect", *map(str, args), "--format", "json"], input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def sentences(data: dict) -> list[str]:
    return [s["ko"] for section in data["sections"] for s in section["sentences"]]


def test_cms_page_gives_headline_deck_and_subheads():
    # The common regional-paper CMS: the headline is an <h3 class="heading"> (the page's <h1> is the
    # logo), the deck an <h2 class="subheading">, the subheads <h3> inside the body.
    data = inspect_json(HANBIT)
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    assert data["subtitle"]["ko"] == "국내 첫 지자체 주도 시설…2027년까지 기업 30곳 유치"
    assert [s["heading"]["ko"] for s in data["sections"]] == [None, "기업 30곳 유치 목표", "중입자 치료 연구와도 연계"]
    said = sentences(data)
    assert said[0] == "세종시가 내년 3월 국내 첫 지방자치단체 주도의 양자컴퓨팅 실증센터를 연다고 4일 밝혔다."
    assert len(said) == 8
    # byline and copyright inside the body are set aside by the reader, as for a paste
    assert {(b["kind"], b["ko"]) for b in data["boilerplate_detail"]} >= {
        ("byline", "김하늘 기자 sky@hanbit.example"),
        ("copyright", "저작권자 © 한빛일보 무단전재 및 재배포 금지"),
    }


def test_page_chrome_is_reported_as_removed_never_translated():
    # Menus, share buttons, the caption, related links and the footer are not sentences; each is
    # listed under "page", and the counts add up, so nothing disappears silently.
    data = inspect_json(HANBIT)
    page = data["page"]
    removed = page["removed"]
    for line in (
        "전체기사",
        "페이스북트위터카카오톡URL복사",
        "입력 2025.03.04 14:20",
        "김하늘 기자",  # the reporter line of the header (the dateline's 김하늘 기자 is another)
        "최민호 세종시장이 4일 시청 브리핑실에서 양자컴퓨팅 실증센터 건립 계획을 설명하고 있다. [세종시 제공]",
        "정부, 양자 종합계획 발표…2035년 선도국 목표",
        "Copyright © 2025 한빛일보. All rights reserved.",
    ):
        assert line in removed
    assert page["removed_lines"] == len(removed)
    assert page["removed_chars"] == sum(len(re.sub(r"\s", "", line)) for line in removed)
    assert page["extractor"].startswith("trafilatura ")
    assert page["source"] == str(HANBIT)
    kept = set(sentences(data))
    assert not kept & set(removed)


def test_inspect_text_says_how_much_the_extractor_removed():
    # The text report carries the same counts as the JSON, on one line a user can read.
    page = inspect_json(HANBIT)["page"]
    result = CliRunner().invoke(cli, ["inspect", str(HANBIT)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"web page {HANBIT}: {page['extractor']} removed {page['removed_chars']} characters in "
        f"{page['removed_lines']} lines of text (menus, share buttons, related links, footer, hidden elements); "
        '--format json lists them under "page"'
    )
    assert page["removed_lines"] == 35  # every visible line above, beside and below the story


# A sentence planted in the story where a browser never shows it (an SEO trick, a leftover draft).
PLANTED = "이 문단은 독자에게 보이지 않도록 숨겨 둔 검색엔진용 문장이다."


@pytest.mark.parametrize("hiding", [
    '<p hidden>{}</p>',
    '<div hidden=""><p>{}</p></div>',
    '<template><p>{}</p></template>',
    '<p style="display: none">{}</p>',
    '<p style="color:#333; visibility:hidden">{}</p>',
])
def test_text_a_browser_never_shows_is_set_aside_and_counted_as_removed(tmp_path, hiding):
    path = tmp_path / "hidden.html"
    anchor = "    <p>센터는 세종테크밸리"
    path.write_text(HANBIT.read_text(encoding="utf-8").replace(anchor, hiding.format(PLANTED) + "\n" + anchor),
                    encoding="utf-8")
    plain, data = inspect_json(HANBIT), inspect_json(path)
    assert PLANTED not in json.dumps(data["sections"], ensure_ascii=False)
    assert sentences(data) == sentences(plain)  # the story as shown, nothing planted or shifted
    assert PLANTED in data["page"]["removed"]
    assert data["page"]["removed_lines"] == plain["page"]["removed_lines"] + 1
    assert data["page"]["removed_chars"] == plain["page"]["removed_chars"] + len(PLANTED.replace(" ", ""))


def test_text_hidden_until_found_or_from_screen_readers_only_is_story(tmp_path):
    # A browser shows aria-hidden text, and finds hidden="until-found" text when the reader searches:
    # neither is set aside by the page reader for being hidden.
    path = tmp_path / "until-found.html"
    anchor = "    <p>센터는 세종테크밸리"
    path.write_text(HANBIT.read_text(encoding="utf-8").replace(anchor, f'<p hidden="until-found">{PLANTED}</p>\n' + anchor),
                    encoding="utf-8")
    assert PLANTED in sentences(inspect_json(path))


def test_og_description_is_not_taken_for_the_deck(tmp_path):
    # Without the subheading element the page has no deck; og:description (the lead's first
    # sentence) must not become the subtitle, and the lead keeps that sentence.
    page = tmp_path / "no-deck.html"
    html = HANBIT.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<h2 class="subheading">.*?</h2>', "", html), encoding="utf-8")
    data = inspect_json(page)
    assert data["subtitle"] is None
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    assert sentences(data)[0].startswith("세종시가 내년 3월")


def test_a_subhead_right_after_the_headline_outside_the_header_is_not_a_deck(tmp_path):
    # An <h2> that follows an <h1> in the body (no <header>, no subtitle class) is a section head.
    page = tmp_path / "plain.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>세종시 예산 편성</title></head><body>"
        "<div class='content'><h1>세종시 예산 편성</h1><h2>복지 예산 늘려</h2>"
        "<p>세종시가 내년 예산을 2조 원 규모로 편성했다고 10일 밝혔다. 복지 분야가 가장 많이 늘었다.</p>"
        "<p>시는 노인 일자리와 돌봄 사업에 예산을 더 배정했다고 설명했다. 의회 심의는 다음 달이다.</p>"
        "</div></body></html>",
        encoding="utf-8",
    )
    data = inspect_json(page)
    assert data["title"]["ko"] == "세종시 예산 편성"
    assert data["subtitle"] is None


def test_euc_kr_saved_page_is_decoded_by_its_meta_charset():
    # An older site's page saved as it was served: EUC-KR bytes, charset in <meta http-equiv>; the
    # deck is the <h2> after the <h1> in <header>, the subhead a <strong> paragraph of <br> text.
    data = inspect_json(NAMHAE)
    assert data["title"]["ko"] == "부산 중입자치료센터, 첫 환자 맞아"
    assert data["subtitle"]["ko"] == "폐암 환자부터 치료 시작…수도권 원정 치료 줄어들 듯"
    assert [s["heading"]["ko"] for s in data["sections"]] == [None, "▲ 치료 기간 절반으로"]
    said = sentences(data)
    assert said[0] == "부산 기장군의 중입자치료센터가 15일 첫 환자 치료를 시작했다."
    # the photo table's caption cell is removed (and reported), not read as two sentences
    assert not any("치료실 모습" in s for s in said)
    assert "부산 기장군 중입자치료센터 치료실 모습. 남해신문 DB" in data["page"]["removed"]
    # a menu item that happens to sit inside a sentence (정치 in 원정 치료) is still reported
    assert "정치" in data["page"]["removed"]


def test_a_saved_page_whose_meta_says_latin_1_over_utf8_korean_is_read_as_korean(tmp_path):
    # A CMS template that declares iso-8859-1 over UTF-8 bytes: the declaration decodes (every byte is
    # a Latin-1 character) but into mojibake; the bytes read as Korean win.
    path = tmp_path / "latin1.html"
    path.write_bytes(HANBIT.read_bytes().replace(b'<meta charset="utf-8">', b'<meta charset="iso-8859-1">'))
    data = inspect_json(path)
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    assert sentences(data)[0] == "세종시가 내년 3월 국내 첫 지방자치단체 주도의 양자컴퓨팅 실증센터를 연다고 4일 밝혔다."


def test_a_text_file_converted_twice_is_refused_as_garbled(tmp_path):
    # UTF-8 Korean opened as Latin-1 and saved again as UTF-8: valid UTF-8, no Hangul, all mojibake.
    path = tmp_path / "twice.txt"
    text = "세종시 예산 2조 원\n\n세종시가 내년 예산을 2조 원 규모로 편성했다고 10일 밝혔다.\n"
    path.write_text(text.encode("utf-8").decode("latin-1"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {path} holds garbled Korean (UTF-8 bytes read as Latin-1 or Windows-1252), which would be "
        "translated as nonsense; save the article again as UTF-8 from where it was written\n"
    )


def test_html_on_standard_input_is_read_as_a_page():
    # `curl … | briefing inspect -`: the same page read from standard input.
    data = inspect_json("-", input=HANBIT.read_bytes())
    assert data["title"]["ko"] == "세종시, 양자컴퓨팅 실증센터 문 연다"
    assert data["subtitle"]["ko"] == "국내 첫 지자체 주도 시설…2027년까지 기업 30곳 유치"
    assert data["page"]["source"] == "standard input"


def test_euc_kr_html_on_standard_input_without_charset_is_detected():
    # No declaration at all: the bytes are recognised as Korean CP949, never read as mojibake.
    raw = re.sub(rb"<meta http-equiv[^>]*>", b"", NAMHAE.read_bytes())
    data = inspect_json("-", input=raw)
    assert data["title"]["ko"] == "부산 중입자치료센터, 첫 환자 맞아"


def test_text_files_have_no_page_report(tmp_path):
    # A pasted article keeps today's reading; "page" is null so scripts can tell the two apart.
    path = tmp_path / "paste.txt"
    path.write_text("세종시 예산 2조 원\n\n세종시가 내년 예산을 2조 원 규모로 편성했다고 10일 밝혔다.\n", encoding="utf-8")
    data = inspect_json(path)
    assert data["page"] is None
    assert data["title"]["ko"] == "세종시 예산 2조 원"


def test_page_with_no_article_is_one_line_error(tmp_path):
    # A saved front page or a login wall: only menus, no story; one line, exit code 2.
    path = tmp_path / "front.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>한빛일보</title></head><body><nav><ul>"
        "<li><a href='/a'>정치</a></li><li><a href='/b'>경제</a></li></ul></nav></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {path}: no article text found in the page; save the article as plain text "
        "(copy it from the browser into a .txt file)\n"
    )


# A site's front page saved instead of the article: its name, section menus, the most-read headlines
# (links, some longer than a sentence) and a footer; no story anywhere. Two layouts: HTML5 regions, and
# the <div> menus and footer of older Korean CMSs.
MENU_ONLY_PAGES = {
    "html5": """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>한빛일보</title></head><body>
<header><h1><a href="/">한빛일보</a></h1><nav><ul><li><a href="/politics">정치</a></li><li><a href="/economy">경제</a></li>
<li><a href="/society">사회</a></li><li><a href="/culture">문화</a></li><li><a href="/opinion">오피니언</a></li></ul></nav></header>
<main><section><h2>많이 본 뉴스</h2><ol>
<li><a href="/n/1">세종시, 양자컴퓨팅 실증센터 문 연다…국내 첫 지자체 주도 시설로 2027년까지 기업 30곳 유치한다</a></li>
<li><a href="/n/2">부산 중입자치료센터 첫 환자 맞아</a></li>
<li><a href="/n/3">"기업이 먼저 찾아오는 도시 만들겠다"…최민호 시장, 양자 산업 육성 의지 밝혔다.</a></li>
</ol></section></main>
<footer><p>한빛일보 | 세종특별자치시 한누리대로 000 | 대표전화 044-000-0000 | 등록번호 세종 아00000</p>
<p>Copyright © 2025 한빛일보. All rights reserved.</p></footer></body></html>""",
    "divs": """<html><head><meta charset="utf-8"><title>한빛일보 - 세종·충청의 아침을 여는 신문</title></head><body>
<div id="top"><div class="logo"><a href="/"><img src="/logo.png" alt="한빛일보"></a></div>
<div class="slogan">세종·충청의 아침을 여는 신문</div>
<div class="gnb"><a href="/s/1">전체기사</a> | <a href="/s/2">정치</a> | <a href="/s/3">경제</a> | <a href="/s/4">지역</a></div></div>
<div class="list"><div class="item"><a href="/n/1">세종시, 양자컴퓨팅 실증센터 문 연다</a> <span>2025.03.04</span></div>
<div class="item"><a href="/n/2">충남도, 내년 예산 9조원 편성…복지 예산 역대 최대 규모로 늘렸다.</a> <span>2025.03.03</span></div>
<div class="item"><a href="/n/3">대전시 신청사 설계 공모 결과 발표</a> <span>2025.03.02</span></div></div>
<div id="footer">회사소개 | 광고문의 | 개인정보처리방침 | 청소년보호정책<br>
저작권자 © 한빛일보 무단전재 및 재배포 금지. 세종특별자치시 한누리대로 000 (우)30100</div></body></html>""",
    # sentences, but the site's: its description in a footer <div> and a notice that ends like a sentence
    "sentences": """<html><head><meta charset="utf-8"><title>한빛일보</title></head><body>
<div class="top_menu"><ul><li><a href="/s/1">정치</a></li><li><a href="/s/2">경제</a></li></ul></div>
<div class="main_news"><ul><li><a href="/n/1">세종시, 양자컴퓨팅 실증센터 문 연다</a></li>
<li><a href="/n/2">부산 중입자치료센터 첫 환자 맞아</a></li></ul></div>
<div class="footer_info"><p>한빛일보는 1950년 창간한 세종·충청권의 대표 일간지로 지역의 목소리를 전합니다.</p></div>
<div><p>한빛일보의 모든 콘텐츠(영상, 기사, 사진)는 저작권법의 보호를 받은바, 무단 전재와 복사, 배포 등을 금합니다.</p></div>
</body></html>""",
}


@pytest.mark.parametrize("layout", sorted(MENU_ONLY_PAGES))
def test_a_page_that_is_only_a_menu_has_no_article_text(tmp_path, layout):
    # Not a one-sentence article under the site's name: the menu is no story, so one line, exit 2.
    path = tmp_path / f"front-{layout}.html"
    path.write_text(MENU_ONLY_PAGES[layout], encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(path), "-q"])
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"Error: {path}: no article text found in the page; save the article as plain text "
        "(copy it from the browser into a .txt file)\n"
    )


def test_a_story_whose_words_link_to_tag_pages_is_still_an_article(tmp_path):
    # The evidence of a story is a sentence outside the menus that is not mostly link text: a story
    # whose names link to tag pages (as Korean portals do) is read; the menus beside it are not.
    story = [
        "<a href='/tag/1'>세종시</a>가 내년 <a href='/tag/2'>예산</a>을 올해보다 8% 늘어난 2조 원 규모로 편성했다고 10일 밝혔다.",
        "시는 복지와 교통, <a href='/tag/3'>양자컴퓨팅</a> 산업 육성 분야의 예산을 크게 늘리고 행사성 경비는 줄였다고 설명했다.",
        "<a href='/tag/4'>세종시의회</a>는 다음 달 정례회에서 예산안을 심의해 12월 중순까지 확정할 예정이다.",
        "최민호 시장은 \"어려운 재정 여건 속에서도 시민의 삶과 미래 산업에 먼저 투자하겠다\"고 말했다.",
    ]
    path = tmp_path / "budget.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>세종시 내년 예산 2조 원 - 한빛일보</title></head><body>"
        "<nav><a href='/'>홈</a> <a href='/politics'>정치</a> <a href='/economy'>경제</a></nav>"
        "<article><h1>세종시 내년 예산 2조 원</h1>" + "".join(f"<p>{s}</p>" for s in story) + "</article>"
        "<footer>Copyright © 한빛일보</footer></body></html>",
        encoding="utf-8",
    )
    data = inspect_json(path)
    assert data["title"]["ko"] == "세종시 내년 예산 2조 원"
    assert sentences(data) == [re.sub(r"<[^>]+>", "", s) for s in story]


def test_page_text_keeps_every_character_of_the_extraction():
    # Nothing is lost between the extraction and the reader: every non-whitespace character of the
    # page text lands in the title, subtitle, a heading, a sentence or boilerplate.
    source = load_source(str(HANBIT))
    data = inspect_json(HANBIT)
    parts = [data["title"]["ko"], data["subtitle"]["ko"], *data["boilerplate"]]
    parts += [s["heading"]["ko"] or "" for s in data["sections"]] + sentences(data)
    assert sorted(re.sub(r"\s", "", "".join(parts))) == sorted(re.sub(r"\s", "", source.text))


def test_run_on_a_page_translates_headline_deck_and_subheads_and_reports_the_removal(scripted):
    # The main job on a saved page: the headline, deck and subheads the page states are what is
    # translated as title, subtitle and headings, and the brief says what the extractor left out.
    from briefing.glossary import load_glossaries
    from briefing.pipeline import run_article
    from briefing.formats.markdown import to_markdown

    scripted.enqueue("세종시, 양자컴퓨팅 실증센터 문 연다", "Sejong City to open a quantum computing test center")
    scripted.enqueue("국내 첫 지자체 주도 시설…2027년까지 기업 30곳 유치", "The first such city-led site; 30 companies by 2027")
    scripted.enqueue("기업 30곳 유치 목표", "A goal of 30 companies")
    result = run_article(load_source(str(HANBIT)), load_glossaries(None), scripted)
    assert result.get("title").en == "Sejong City to open a quantum computing test center"
    assert result.get("subtitle").en == "The first such city-led site; 30 companies by 2027"
    assert result.heading(1).en == "A goal of 30 companies"
    markdown = to_markdown(result)
    assert markdown.startswith("# Sejong City to open a quantum computing test center\n")
    assert (
        f"*web page {HANBIT}: {result.page.extractor} removed {result.page.removed_chars} characters in 35 lines"
        in markdown
    )
