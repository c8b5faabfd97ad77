"""The scripts in scripts/ run from a clean clone: each answers --help, each evaluation scores the
repository's own small data and signs its figures, and none edits sys.path or imports another.

Every script runs as a user runs it: ``python scripts/NAME.py`` in a fresh interpreter from the
repository root, with this checkout's ``src`` first on the path. The benchmarks and the fits are
only asked for --help: they take minutes on real data.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import briefing

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(p.name for p in (REPO / "scripts").glob("*.py"))
LINE_MODEL = hashlib.sha256((REPO / "src" / "briefing" / "reader" / "line_model.json").read_bytes()).hexdigest()[:12]
COMMIT = r"commit [0-9a-f]{4,40}(\+dirty)?"


def script(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def data_hash(folder: Path, names: list[str]) -> str:
    """The data part of a signature, computed here from what evaluation/signature.py documents."""
    digest = hashlib.sha256()
    for name in sorted(names):
        data = (folder / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:12]


def test_there_are_scripts_to_test():
    assert {"eval_structure.py", "eval_brief.py", "eval_glossary.py", "train_lines.py", "fit_brief.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_script_answers_help(name):
    result = script(f"scripts/{name}", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {name}")


def test_no_script_edits_sys_path_or_imports_another_and_the_library_has_no_circle():
    # Two circles held up by sys.path edits (eval_structure ↔ train_lines, eval_brief ↔ fit_brief) were
    # why training could not run from a clean clone; what scripts share lives in scripts/evaluation/.
    scripts = {p.stem for p in (REPO / "scripts").glob("*.py")}
    graph = {}
    for path in (REPO / "scripts").rglob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            assert not (isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name)
                        and node.value.id == "sys"), f"{path.name}:{node.lineno} uses sys.path"
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module == "evaluation":
                names += [f"evaluation.{a.name}" for a in node.names]
            imported |= {n for n in names if n.split(".")[0] in scripts | {"evaluation"}}
        assert not imported & scripts, f"{path.name} imports another script: {imported & scripts}"
        graph[".".join(path.relative_to(REPO / "scripts").with_suffix("").parts)] = imported - {"evaluation"}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(m == goal or (m not in seen and not seen.add(m) and reaches(m, goal, seen))
                   for m in graph.get(start, ()))

    assert sorted(m for m in graph if reaches(m, m, set())) == []


def test_eval_structure_scores_the_test_articles_and_signs_them():
    folder = REPO / "tests" / "articles"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith((".txt", ".expected.json")))
    expected_signature = (f"{COMMIT}\\|data tests/articles:{data_hash(folder, names)}\\|line-model {LINE_MODEL}"
                          f"\\|briefing {re.escape(briefing.__version__)}")
    result = script("scripts/eval_structure.py", "tests/articles")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{len(names) // 2} articles"
    assert "characters lost: 0" in result.stdout
    assert re.fullmatch(f"signature: {expected_signature}", lines[lines.index(next(
        line for line in lines if line.startswith("titles right"))) + 1])
    figures = json.loads(script("scripts/eval_structure.py", "tests/articles", "--json").stdout)
    assert re.fullmatch(expected_signature, figures["signature"])
    assert figures["articles"] == len(names) // 2 and figures["characters_lost"] == 0


def test_eval_structure_select_reads_only_the_captures_it_names():
    # The blind subsets (captures no model was fitted on) are reported this way.
    result = script("scripts/eval_structure.py", "tests/articles", "--select", "hard-*", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    folder = REPO / "tests" / "articles"
    assert figures["articles"] == 1
    assert f"|data tests/articles/hard-*:{data_hash(folder, ['hard-wrapped.txt', 'hard-wrapped.expected.json'])}|" \
        in figures["signature"]
    nothing = script("scripts/eval_structure.py", "tests/articles", "--select", "zz*")
    assert (nothing.returncode, nothing.stderr) == (2, "Error: no *.expected.json in tests/articles whose name matches 'zz*'\n")


# A short made-up article in the data folder's layout: a lead of four sentences and one ◇ section of
# three. The person keeps the lead's first two and the section's first sentence, and summarises with
# the lead's first two and the section's first, so the first-k baseline with the person's own counts
# finds every bullet (1.00) and two of the three summary lines (the article's third sentence is the
# lead's third, not a key): 0.67.
ARTICLE = """세종시, 일본 오사카시와 과학기술 협력 합의

세종시는 3일 일본 오사카시와 양자기술 공동연구 협약을 맺었다고 밝혔다. 두 도시는 2025년까지 연구 인력 20명을 교류한다. 시장은 "뜻깊은 출발"이라고 말했다. 협약식은 시청에서 열렸다.

◇ 중입자 치료 협력

세종시는 오사카 중입자치료센터와 의료진 연수 프로그램을 운영하기로 했다. 센터는 암 환자 치료 경험을 공유한다. 관계자는 "좋은 기회"라고 말했다.

홍길동 기자 hong@example.com
"""
LEAD = ["세종시는 3일 일본 오사카시와 양자기술 공동연구 협약을 맺었다고 밝혔다.", "두 도시는 2025년까지 연구 인력 20명을 교류한다.",
        "시장은 \"뜻깊은 출발\"이라고 말했다.", "협약식은 시청에서 열렸다."]
SECTION = ["세종시는 오사카 중입자치료센터와 의료진 연수 프로그램을 운영하기로 했다.", "센터는 암 환자 치료 경험을 공유한다.",
           "관계자는 \"좋은 기회\"라고 말했다."]


@pytest.fixture
def brief_set(tmp_path) -> Path:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "m01_sejong_osaka.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "m01_sejong_osaka.expected.json").write_text(json.dumps({
        "source": "https://example.com/1", "title": "세종시, 일본 오사카시와 과학기술 협력 합의", "subtitle": None,
        "headings": ["◇ 중입자 치료 협력"], "boilerplate": ["홍길동 기자 hong@example.com"], "notes": ""},
        ensure_ascii=False), encoding="utf-8")
    (tmp_path / "briefs" / "m01_sejong_osaka.json").write_text(json.dumps({
        "article": "m01_sejong_osaka.txt",
        "sections": [{"heading": None, "sentences": LEAD, "key": [0, 1], "why": "the agreement and its numbers"},
                     {"heading": "◇ 중입자 치료 협력", "sentences": SECTION, "key": [0], "why": "what is agreed"}],
        "summary_key": [[0, 0], [0, 1], [1, 0]], "notes": ""}, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_eval_brief_scores_a_brief_set_and_signs_it(brief_set):
    result = script("scripts/eval_brief.py", str(brief_set))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1 articles, 2 sections"
    assert "| first-k (person's k) | 1.00 | 1.00 | 1.00 | 0.67 | 0.67 | 0.67 |" in lines
    folder_hash = data_hash(brief_set, ["briefs/m01_sejong_osaka.json", "m01_sejong_osaka.txt",
                                        "m01_sejong_osaka.expected.json"])
    assert re.fullmatch(f"signature: {COMMIT}\\|data {brief_set.name}:{folder_hash}\\|glossary [0-9a-f]{{12}}"
                        f"\\|briefing {re.escape(briefing.__version__)}", lines[-1])


@pytest.mark.parametrize("method", ["coordinate", "ranker"])
def test_brief_weights_are_cross_validated_by_site_and_printed_as_the_source_holds_them(brief_set, method):
    if method == "ranker":  # the ranker is fitted with scikit-learn, the dev extra's (pyproject.toml)
        pytest.importorskip("sklearn", reason='the ranker needs scikit-learn: pip install -e ".[dev]"')
    # A second article from another site, so that each fold has one site to learn from.
    data = json.loads((brief_set / "briefs" / "m01_sejong_osaka.json").read_text(encoding="utf-8"))
    (brief_set / "m02_busan.txt").write_text(ARTICLE, encoding="utf-8")
    annotation = json.loads((brief_set / "m01_sejong_osaka.expected.json").read_text(encoding="utf-8"))
    (brief_set / "m02_busan.expected.json").write_text(
        json.dumps({**annotation, "source": "https://news.example.org/2"}, ensure_ascii=False), encoding="utf-8")
    (brief_set / "briefs" / "m02_busan.json").write_text(
        json.dumps({**data, "article": "m02_busan.txt"}, ensure_ascii=False), encoding="utf-8")
    result = script("scripts/fit_brief.py", str(brief_set), "--cv", "--method", method)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "BULLETS = Weights("
    assert "src/briefing/brief.py holds other weights" in lines
    assert any(line.startswith("| tool, cross-validated by site |") for line in lines)


def test_eval_brief_read_lets_the_tool_read_the_text_and_names_the_line_model(brief_set):
    result = script("scripts/eval_brief.py", str(brief_set), "--read", "--json", "--select", "m01*")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) == {"bullets", "summary", "signature"}
    assert f"|data {brief_set.name}/m01*:" in figures["signature"]
    assert f"|line-model {LINE_MODEL}|" in figures["signature"]


@pytest.fixture
def aligned_set(tmp_path) -> Path:
    # Two segments naming Sejong City; the model's first line says only "Sejong".
    (tmp_path / "kor.txt").write_text("세종시는 양자컴퓨터 연구를 시작했다.\n세종시 시장은 오사카를 방문했다.\n", encoding="utf-8")
    (tmp_path / "eng.txt").write_text("Sejong City began research on quantum computers.\n"
                                      "The mayor of Sejong City visited Osaka.\n", encoding="utf-8")
    (tmp_path / "opus-mt-tc-big-ko-en.txt").write_text("Sejong began research on quantum computers.\n"
                                                       "The mayor of Sejong City visited Osaka.\n", encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text("terms:\n  - ko: 세종시\n    en: Sejong City\n", encoding="utf-8")
    return tmp_path


def test_eval_glossary_scores_a_line_aligned_set_and_signs_it(aligned_set):
    result = script("scripts/eval_glossary.py", "--data", str(aligned_set), "--glossary",
                    str(aligned_set / "glossary.yaml"), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"\s+term occurrences\s+2", lines[2]) and re.fullmatch(r"\s+adherence raw\s+50\.0%", lines[3])
    glossary = hashlib.sha256((aligned_set / "glossary.yaml").read_bytes()).hexdigest()[:12]
    data = data_hash(aligned_set, ["kor.txt", "eng.txt", "opus-mt-tc-big-ko-en.txt"])
    expected = f"{COMMIT}\\|data {aligned_set.name}:{data}\\|glossary {glossary}\\|briefing {re.escape(briefing.__version__)}"
    assert re.fullmatch(f"signature: {expected}", lines[-2])
    assert re.fullmatch(expected, json.loads(lines[-1])["signature"])


@pytest.fixture
def checker_set(tmp_path) -> Path:
    """Four lines of invented news: a misspelt rare name on line 1, a changed year on line 2, line 3 clean,
    a native number word changed on line 4."""
    ko = ["윌러비 박사는 치바현을 방문했다.", "세종시는 1994년 설립되었다.", "치바현은 일본에 있다.",
          "학생 세 명이 세종시를 방문했다."]
    clean = ["Dr Willoughby visited Chiba Prefecture.", "Sejong City was founded in 1994.",
             "Chiba Prefecture is in Japan.", "Three students visited Sejong City."]
    errors = ["Dr Willoughby visited Chiba Prefectre.", "Sejong City was founded in 1949.", clean[2],
              "Four students visited Sejong City."]
    (tmp_path / "kor.txt").write_text("\n".join(ko) + "\n", encoding="utf-8")
    (tmp_path / "eng_clean.txt").write_text("\n".join(clean) + "\n", encoding="utf-8")
    (tmp_path / "eng_errors.txt").write_text("\n".join(errors) + "\n", encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text(
        "terms:\n  - ko: 치바현\n    en: Chiba Prefecture\n  - ko: 세종시\n    en: Sejong City\n", encoding="utf-8")
    records = [
        {"line": 1, "kind": "misspelled", "ko": "치바현", "was": "Prefecture", "now": "Prefectre",
         "offset": clean[0].index("Prefecture"), "term": "치바현", "en": "Chiba Prefecture", "fixable": True,
         "finding_kinds": ["missing", "inconsistent"]},
        {"line": 2, "kind": "number", "ko": "1994년", "was": "1994", "now": "1949", "offset": clean[1].index("1994"),
         "fixable": False, "finding_kinds": ["number"]},
        {"line": 4, "kind": "number", "ko": "세 명이", "was": "Three", "now": "Four", "offset": 0,
         "fixable": False, "finding_kinds": ["number"]},  # a native number word: no digits to compare
    ]
    (tmp_path / "errors.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_eval_checker_reports_found_false_alarms_fixed_and_collateral_together(checker_set):
    result = script("scripts/eval_checker.py", "--data", str(checker_set), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["found_by_kind"] == {"misspelled": "1/1", "number": "2/2"}
    assert (figures["false_alarm_lines"], figures["clean_lines"]) == (0, 4)
    assert (figures["fixed"], figures["fixable"], figures["collateral_lines"]) == (1, 1, 0)
    for label in ("errors found (recall)", "false alarms (clean lines)", "fixable errors restored", "collateral changes"):
        assert label in result.stdout
    assert re.fullmatch(f"{COMMIT}\\|data {checker_set.name}:[0-9a-f]{{12}}\\|glossary [0-9a-f]{{12}}\\|briefing .+",
                        figures["signature"])


def test_eval_checker_refuses_a_folder_that_is_not_a_checker_set(tmp_path):
    result = script("scripts/eval_checker.py", "--data", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and "kor.txt" in result.stderr


def test_eval_glossary_never_credits_a_cut_name_as_rendered(tmp_path):
    # #23: "Spiet" was read as a derived form of Spieth and counted as rendered; the strict count
    # credits only the rendering or a real derivation, and the exact count no generic head dropped
    (tmp_path / "kor.txt").write_text("스피스가 우승했다.\n스피스의 퍼트가 들어갔다.\n공화당 후보가 이겼다.\n",
                                      encoding="utf-8")
    (tmp_path / "eng.txt").write_text("Spieth won.\nSpieth's putt dropped.\nThe Republican Party candidate won.\n",
                                      encoding="utf-8")
    (tmp_path / "opus-mt-tc-big-ko-en.txt").write_text("Spiet won.\nSpieth's putt dropped.\n"
                                                       "The Republican candidate won.\n", encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text("terms:\n  - ko: 스피스\n    en: Spieth\n"
                                            "  - ko: 공화당\n    en: Republican Party\n", encoding="utf-8")
    result = script("scripts/eval_glossary.py", "--data", str(tmp_path), "--glossary",
                    str(tmp_path / "glossary.yaml"), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["occurrences"] == 3
    assert round(figures["adherence_raw"], 3) == round(2 / 3, 3)  # Spiet is not Spieth
    # after --fix Spiet reads Spieth; the exact count does not credit "Republican" for Republican Party
    assert (figures["adherence_fixed"], round(figures["adherence_fixed_exact"], 3)) == (1.0, round(2 / 3, 3))


def test_the_built_glossary_counts_a_derived_form_for_its_name():
    # #23: 펀자브 stood in two segments, as Punjab and as Punjabi; counting only Punjab, the builder
    # paired 펀자브 with Sikhism, the one word both segments share. A derivation is a rendering in a check,
    # so it counts for its name here too; a name that opens its sentence keeps its first word.
    kor = ["시크교는 펀자브 지역에서 생겼다.", "시크교도는 펀자브어로 기도한다.", "피케 주니어는 사고를 냈다.",
           "피케 주니어는 해고되었다."]
    eng = ["Sikhism began in the Punjab region.", "Sikhs pray in Punjabi.", "Piquet Jr. crashed.",
           "Piquet Jr. was sacked."]
    code = ("import json, sys; from evaluation.adherence import build_glossary; "
            "kor, eng = json.loads(sys.argv[1]); "
            "print(json.dumps({t.ko: t.en for t in build_glossary(kor, eng)}, ensure_ascii=False))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "scripts"), str(REPO / "src")])}
    result = subprocess.run([sys.executable, "-c", code, json.dumps([kor, eng], ensure_ascii=False)], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    built = json.loads(result.stdout)
    assert built.get("펀자브") == "Punjab"
    assert built.get("피케") == "Piquet Jr"


@pytest.fixture
def follow_set(tmp_path) -> Path:
    """Three invented articles: a heavy-ion press release, a quantum course, a spring festival. Each line
    of their bodies is a paragraph (40 characters or more), so the script's edited copies change them."""
    articles = {
        "a_gaon_heavy_ion.txt": [
            "가온시, 중입자 치료센터 2028년 문 연다",
            "가온시가 2028년 개원을 목표로 중입자 치료센터 건립에 나선다고 5일 밝혔다. 시는 총사업비 1,950억원을 들인다.",
            "센터에는 회전형 갠트리 치료실 2개와 고정형 치료실 1개가 들어서고, 연간 1,200명의 암 환자가 치료를 받는다.",
            "중입자 치료는 탄소 이온을 가속해 암세포를 파괴하는 방식으로, 주변 정상 조직의 손상이 적은 것이 장점이다.",
            "시는 이달 중 설계 공모를 내고 내년 상반기 착공할 예정이라고 밝혔으며, 의료진 40명을 단계적으로 채용한다.",
            "박지훈 기자 jihoon@example.kr",
        ],
        "b_gaon_quantum_course.txt": [
            "가온시, 양자컴퓨터 교육과정 개설",
            "가온시가 지역 대학과 함께 청년 100명을 대상으로 양자컴퓨터 교육과정을 연다고 8일 밝혔다. 교육은 12주 동안 이어진다.",
            "교육은 양자역학 기초부터 프로그래밍 실습까지 이어지며, 수료생에게는 기업 인턴십 기회를 준다고 시는 설명했다.",
            "시는 내년까지 교육 인원을 300명으로 늘리고, 지역 기업과 함께 일자리 연계 프로그램도 만들 방침이라고 덧붙였다.",
        ],
        "c_gaon_spring_festival.txt": [
            "가온시 봄꽃축제 12일 개막",
            "가온시 봄꽃축제가 오는 12일 가온천 둔치에서 막을 올린다. 올해 축제는 벚꽃길 걷기와 야간 조명 공연으로 꾸며진다.",
            "지역 농산물 장터와 어린이 체험 마당도 열리며, 시는 축제 기간 임시 주차장 3곳을 운영하고 셔틀버스를 다니게 한다.",
            "시 관계자는 많은 시민이 찾아 봄의 정취를 즐기기를 바란다며 안전 관리에도 힘쓰겠다고 말했다고 전했다.",
        ],
    }
    for name, lines in articles.items():
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_eval_follow_groups_each_article_with_its_copies_only_and_says_which_pass(follow_set):
    result = script("scripts/eval_follow.py", "--data", str(follow_set), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "grouping: 3 articles and 9 edited copies (reordered, dropped, byline), 12 texts"
    assert "| 0.3 (default) | 1.000 | 1.000 | 3 | 0 |" in lines
    figures = json.loads(lines[-1])
    assert figures["grouping"]["0.3"]["cross"] == []
    # The heavy-ion and quantum articles name glossary terms in their titles; the festival names none.
    assert figures["passing"] == ["a_gaon_heavy_ion", "b_gaon_quantum_course"]
    assert figures["relevance"]["c_gaon_spring_festival"] == 0
    data = data_hash(follow_set, ["a_gaon_heavy_ion.txt", "b_gaon_quantum_course.txt", "c_gaon_spring_festival.txt"])
    assert re.fullmatch(f"signature: {COMMIT}\\|data {follow_set.name}:{data}\\|glossary [0-9a-f]{{12}}"
                        f"\\|briefing {re.escape(briefing.__version__)}", lines[-2])


def test_a_byline_cut_off_the_last_paragraph_is_not_scored_as_a_line():
    # The annotations list whole lines only (the corpus README: a byline glued to the last paragraph is
    # not listed), so the structure score leaves out boilerplate that is only part of a line, of any kind.
    text = ("한국군, 중국 미래현과 첫 자매결연 맺어\n\n"
            "한국군이 중국 미래현과 맺어 온 우호교류를 자매결연으로 한 단계 격상했다.\n\n"
            "군수는 \"외국 도시와 첫 자매결연을 맺게 되어 매우 기쁘다\"며 \"교류를 넓혀 가겠다\"고 말했다. 홍길동 기자\n")
    code = ("import json, sys; from evaluation.structure import predicted_items; "
            "from briefing.reader.article import read_article; "
            "print(json.dumps(predicted_items(read_article(sys.argv[1])), ensure_ascii=False))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "scripts"), str(REPO / "src")])}
    result = subprocess.run([sys.executable, "-c", code, text], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    items = [tuple(item) for item in json.loads(result.stdout)]
    assert ("title", "한국군, 중국 미래현과 첫 자매결연 맺어") in items
    assert not [ko for part, ko in items if part == "boilerplate"]
