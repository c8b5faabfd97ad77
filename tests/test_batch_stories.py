"""The same story told once in a batch (#26): `briefing run DIR/ -o OUTDIR/ --same-story` on a morning's
folder where three outlets printed one city press release with small edits, beside an unrelated story
and a file that is not text. The first version is briefed; the others get an index row naming it and
the numbers and names they state otherwise; nothing is dropped. The texts are invented for these
tests; the library runs with the scripted fake translator, the command with the tiny model."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ScriptedTranslator, lines_but_probe_warnings
from briefing.batch.inputs import expand_inputs
from briefing.batch.run import run_batch
from briefing.cli import cli
from briefing.glossary import load_glossaries

RELEASE = [
    "가온시가 2028년 개원을 목표로 중입자 치료센터 건립에 나선다고 5일 밝혔다.",
    "시는 총사업비 1,950억원을 들여 가온의료단지 안에 지하 2층, 지상 4층 규모의 치료센터를 짓는다. "
    "센터에는 회전형 갠트리 치료실 2개와 고정형 치료실 1개가 들어선다.",
    "중입자 치료는 탄소 이온을 빛의 속도의 70%까지 가속해 암세포를 파괴하는 방식으로, 주변 정상 조직의 "
    "손상이 적은 것이 장점이다.",
    "시는 연간 1,200명의 암 환자가 센터에서 치료를 받을 것으로 내다봤다. 이를 위해 의료진 40명을 단계적으로 "
    "채용할 계획이다.",
    "한도윤 가온시장은 \"지역 암 환자들이 멀리 가지 않고도 최신 치료를 받을 수 있게 될 것\"이라고 말했다.",
    "시는 이달 중 설계 공모를 내고 내년 상반기 착공할 예정이다.",
]
TITLE_A = "가온시, 중입자 치료센터 2028년 문 연다"
TITLE_B = "가온시 중입자 치료센터 건립…2028년 개원 목표"
TITLE_D = "\"멀리 안 가도 중입자 치료\" 가온시 센터 짓는다"
# Outlet B moves the paragraph on the method up and prints 1,300 patients a year (the release says 1,200).
RELEASE_B = [RELEASE[0], RELEASE[2], RELEASE[1], RELEASE[3].replace("1,200명", "1,300명"), RELEASE[4], RELEASE[5]]
# Outlet D drops the paragraph on the method (its 70% is not a difference) and misspells the mayor.
RELEASE_D = [RELEASE[0], RELEASE[1], RELEASE[3], RELEASE[4].replace("한도윤", "한도준"), RELEASE[5]]
FESTIVAL = [
    "가온시 봄꽃축제가 오는 12일 가온천 둔치에서 막을 올린다.",
    "올해 축제는 벚꽃길 걷기와 야간 조명 공연, 지역 농산물 장터로 꾸며진다.",
    "시는 축제 기간 임시 주차장 3곳을 운영하고 셔틀버스를 20분 간격으로 다니게 한다.",
]

NAMES = ["01-gaon-ilbo", "02-namdo-news", "02x-unreadable", "03-festival", "04-sae-gaon"]


def article(title: str, paragraphs: list[str], byline: str) -> str:
    return "\n\n".join([title, *paragraphs, byline]) + "\n"


# every test gets its own translation cache and no BRIEFING_DEBUG of the developer's shell
pytestmark = pytest.mark.usefixtures("isolated_cache")


@pytest.fixture
def folder(tmp_path) -> Path:
    """The three versions of the release, the festival story, and a file that is not text between them."""
    morning = tmp_path / "morning"
    morning.mkdir()
    (morning / "01-gaon-ilbo.txt").write_text(article(TITLE_A, RELEASE, "박지훈 기자 jhpark@example.com"), encoding="utf-8")
    (morning / "02-namdo-news.txt").write_text(article(TITLE_B, RELEASE_B, "[남도뉴스 김서연 기자]"), encoding="utf-8")
    (morning / "02x-unreadable.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (morning / "03-festival.txt").write_text(article("가온시 봄꽃축제 12일 개막", FESTIVAL, "최유나 기자"), encoding="utf-8")
    (morning / "04-sae-gaon.txt").write_text(article(TITLE_D, RELEASE_D, "이하늘 기자"), encoding="utf-8")
    return morning


@pytest.fixture
def out(tmp_path) -> Path:
    (tmp_path / "briefs").mkdir()
    return tmp_path / "briefs"


def translator() -> ScriptedTranslator:
    return ScriptedTranslator({TITLE_A: "Gaon City to open a heavy-ion therapy centre in 2028",
                               "가온시 봄꽃축제 12일 개막": "Gaon City's spring flower festival opens on the 12th"})


def index(outdir: Path) -> dict:
    return json.loads((outdir / "index.json").read_text(encoding="utf-8"))


def translated(fake: ScriptedTranslator) -> set[str]:
    return {text for call in fake.calls for text in call}


def test_three_outlets_of_one_release_are_briefed_once_and_the_others_name_it(folder, out):
    fake = translator()
    report = run_batch(expand_inputs([str(folder)]), out, load_glossaries(None), fake, same_story=0.3)
    data = index(out)
    # every input in its place: the failed file too; the two other versions grouped, not dropped
    assert [(a["name"], a["status"]) for a in data["articles"]] == [
        ("01-gaon-ilbo", "done"), ("02-namdo-news", "grouped"), ("02x-unreadable", "failed"),
        ("03-festival", "done"), ("04-sae-gaon", "grouped")]
    assert data["counts"] == {"done": 2, "failed": 1, "skipped": 0, "grouped": 2}
    assert data["same_story"] == 0.3
    # only the first version and the festival were translated; the grouped ones have no brief
    assert TITLE_A in translated(fake) and TITLE_B not in translated(fake) and TITLE_D not in translated(fake)
    assert sorted(p.name for p in out.iterdir()) == [
        "01-gaon-ilbo.json", "01-gaon-ilbo.md", "03-festival.json", "03-festival.md", "index.json", "index.md"]
    namdo, sae_gaon = data["articles"][1], data["articles"][4]
    assert namdo["title"] == {"ko": TITLE_B, "en": None}
    assert namdo["markdown"] is None and namdo["json"] is None
    assert namdo["same_story"] == {"as": "01-gaon-ilbo", "markdown": "01-gaon-ilbo.md", "differences": [
        {"kind": "number", "first": ["1,200명"], "other": ["1,300명"]}]}
    # the dropped paragraph's 70% is left out; the mayor's name, written otherwise, is not
    assert sae_gaon["same_story"]["differences"] == [{"kind": "name", "first": ["한도윤"], "other": ["한도준"]}]
    assert data["articles"][0]["same_story"] is None and data["articles"][3]["same_story"] is None
    assert report.count("grouped") == 2
    md = (out / "index.md").read_text(encoding="utf-8")
    assert "> 2 done, 1 failed, 0 skipped (unchanged), 2 grouped with an earlier article's story." in md
    assert (f"| 2 | {folder / '02-namdo-news.txt'} | {TITLE_B} | same story as [01-gaon-ilbo](01-gaon-ilbo.md); "
            "differs (number): 1,200명 there, 1,300명 here | |") in md
    assert (f"| 5 | {folder / '04-sae-gaon.txt'} | \"멀리 안 가도 중입자 치료\" 가온시 센터 짓는다 | same story as "
            "[01-gaon-ilbo](01-gaon-ilbo.md); differs (name): 한도윤 there, 한도준 here | |") in md


def test_without_the_option_every_version_is_briefed_and_the_index_is_as_it_was(folder, out):
    fake = translator()
    run_batch(expand_inputs([str(folder)]), out, load_glossaries(None), fake)
    data = index(out)
    assert [a["status"] for a in data["articles"]] == ["done", "done", "failed", "done", "done"]
    assert data["counts"] == {"done": 4, "failed": 1, "skipped": 0}
    assert "same_story" not in data and all("same_story" not in a for a in data["articles"])
    assert {TITLE_A, TITLE_B, TITLE_D} <= translated(fake)


def test_a_rerun_groups_the_same_articles_and_translates_nothing(folder, out):
    run_batch(expand_inputs([str(folder)]), out, load_glossaries(None), translator(), same_story=0.3)
    fake = translator()
    run_batch(expand_inputs([str(folder)]), out, load_glossaries(None), fake, same_story=0.3)
    assert fake.calls == []
    assert [a["status"] for a in index(out)["articles"]] == ["skipped", "grouped", "failed", "skipped", "grouped"]


def test_a_threshold_above_the_versions_similarity_briefs_each(folder, out):
    # the reordered version shares 0.91 of its character 5-grams with the release, the cut one 0.75
    run_batch(expand_inputs([str(folder)]), out, load_glossaries(None), translator(), same_story=0.95)
    assert [a["status"] for a in index(out)["articles"]] == ["done", "done", "failed", "done", "done"]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_command_briefs_one_version_and_says_how_many_it_grouped(tiny_model_dir, folder, tmp_path):
    out = tmp_path / "briefs"
    result = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "--same-story")
    assert result.exit_code == 4, result.output  # the unreadable file failed; the rest was done
    summary = [line for line in lines_but_probe_warnings(result.output) if line.startswith("5 articles:")]
    assert summary == [f"5 articles: 2 done, 1 failed, 0 skipped as unchanged, 2 grouped with an earlier "
                       f"article's story; 0 rendered differently across articles; index: {out / 'index.md'}"]
    assert [a["status"] for a in index(out)["articles"]] == ["done", "grouped", "failed", "done", "grouped"]


def test_a_folder_after_the_option_is_not_taken_for_its_threshold(folder, tmp_path):
    result = invoke("run", "--same-story", folder, "-o", f"{tmp_path}/out/")
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: --same-story {folder}: not a threshold (a number from 0.05 to 1); "
                                     "put --same-story after the articles, or write --same-story=0.3")


def test_the_option_on_one_article_says_it_groups_a_batch(folder, tmp_path):
    result = invoke("run", folder / "01-gaon-ilbo.txt", "--same-story", "-o", tmp_path / "brief.md")
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: --same-story groups the articles of a batch: give several articles, "
                                     "a folder, or -o OUTDIR/")


def test_on_a_local_ray_the_same_articles_are_grouped_and_the_first_briefed(tiny_model_dir, folder, tmp_path):
    pytest.importorskip("ray", reason='the Ray extra is not installed (pip install -e ".[ray]")')
    common = ("--model", tiny_model_dir, "--threads", "1", "-q", "--same-story")
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert invoke("run", folder, "-o", f"{local}/", *common).exit_code == 4
    result = invoke("run", folder, "-o", f"{on_ray}/", "--ray", "--ray-actors", "1", *common)
    assert result.exit_code == 4, result.output
    rows = [(a["name"], a["status"], a.get("same_story")) for a in index(on_ray)["articles"]]
    assert rows == [(a["name"], a["status"], a.get("same_story")) for a in index(local)["articles"]]
    assert [status for _, status, _ in rows] == ["done", "grouped", "failed", "done", "grouped"]
    assert sorted(p.name for p in on_ray.iterdir()) == sorted(p.name for p in local.iterdir())
