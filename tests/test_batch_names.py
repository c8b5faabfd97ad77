"""Batch inputs whose names do not make plain output names (#22, cases 12 and 16), and the index's
findings counted by severity. A zip made on Korean Windows leaves CP949 file names that are not UTF-8;
a saved page's title can make a name longer than the file system takes once ``.json`` is added. Each
such article must still be read and written, under a safe name the index explains, and the index must
stay valid UTF-8 and list every input."""

import html
import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
import yaml
from click.testing import CliRunner

from conftest import lines_but_probe_warnings
from test_batch import ARTICLES, GLOSSARY, RULES, PhraseTranslator

from briefing.batch.inputs import MAX_NAME_BYTES, expand_inputs
from briefing.batch.run import run_batch
from briefing.cli import cli
from briefing.glossary import load_glossaries


# every test gets its own translation cache and no BRIEFING_DEBUG of the developer's shell
pytestmark = pytest.mark.usefixtures("isolated_cache")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def write_named(folder: Path, name: bytes, data: bytes) -> str:
    """A file whose name is given as bytes, as unzip writes a CP949 name; returns its path as Python
    lists it (undecodable bytes surrogate-escaped)."""
    path = os.fsencode(folder) + b"/" + name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return os.fsdecode(path)


def article(name: str) -> bytes:
    return (ARTICLES / f"{name}.txt").read_bytes()


def saved_page(name: str) -> bytes:
    """The article as a saved web page, for a name ending in ``.htm``."""
    lines = [line for line in (ARTICLES / f"{name}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{lines[0]}</title></head>"
            f"<body><article><h1>{lines[0]}</h1>{body}</article></body></html>").encode("utf-8")


def index_of(out: Path) -> tuple[dict, str]:
    """index.json and index.md, each decoded as strict UTF-8 (a surrogate or a stray byte fails here)."""
    data = json.loads((out / "index.json").read_bytes().decode("utf-8"))
    return data, (out / "index.md").read_bytes().decode("utf-8")


def outputs_of(data: dict) -> set[str]:
    return {a[k] for a in data["articles"] for k in ("markdown", "json") if a[k]}


# --- case 12: file names that are not UTF-8 --------------------------------------------------------------


def test_a_cp949_file_name_from_a_korean_windows_zip_is_translated_under_its_korean_name(tiny_model_dir, tmp_path):
    # unzip of a zip made on Korean Windows: 기사.txt in CP949 bytes; and a name in no Korean encoding
    # (Latin-1 café), whose byte is written %XX. Before #22: exit 3, no index, 기사 got .md without .json.
    folder = tmp_path / "unzipped"
    folder.mkdir()
    shutil.copy(ARTICLES / "01-sejong-quantum.txt", folder)
    korean = write_named(folder, "기사.txt".encode("cp949"), article("02-busan-heavy-ion"))
    latin = write_named(folder, "caf\xe9.txt".encode("latin-1"), article("03-daejeon-talent"))
    out = tmp_path / "briefs"
    result = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "-q")
    assert result.exit_code == 0, result.output
    assert lines_but_probe_warnings(result.output) == []
    data, md = index_of(out)
    assert [(a["name"], a["status"]) for a in data["articles"]] == [
        ("01-sejong-quantum", "done"), ("caf%E9", "done"), ("기사", "done")]  # sorted by the bytes of the name
    assert sorted(p.name for p in out.iterdir()) == sorted(outputs_of(data) | {"index.json", "index.md"})
    assert len(outputs_of(data)) == 6  # every article has its brief and its JSON
    by_name = {a["name"]: a for a in data["articles"]}
    # the index shows the name readably and says which file it came from, bytes and all
    assert by_name["기사"]["source"] == f"{folder}/기사.txt"
    assert by_name["기사"]["name_note"] == "file name in CP949, not UTF-8"
    assert os.fsdecode(unquote_to_bytes(by_name["기사"]["source_escaped"])) == korean
    assert by_name["caf%E9"]["source"] == f"{folder}/caf%E9.txt"
    assert os.fsdecode(unquote_to_bytes(by_name["caf%E9"]["source_escaped"])) == latin
    assert by_name["caf%E9"]["name_note"] == "file name not UTF-8: its undecodable bytes written %XX"
    assert by_name["01-sejong-quantum"]["source_escaped"] is None and by_name["01-sejong-quantum"]["name_note"] is None
    assert f"| 3 | {folder}/기사.txt (file name in CP949, not UTF-8) | [" in md
    assert "](caf%25E9.md) |" in md  # the link opens the file named caf%E9.md
    brief = json.loads((out / "기사.json").read_text(encoding="utf-8"))
    assert brief["title"]["ko"] == "부산 중입자치료센터 내년 3월 문 연다"
    assert brief["batch"]["source"] == f"{folder}/기사.txt"


def test_a_cp949_name_beside_its_utf8_twin_gets_its_own_outputs_and_the_index_says_so(tiny_model_dir, tmp_path):
    # the same name twice, once in UTF-8 and once in CP949: read alike, they must not share outputs
    folder = tmp_path / "mixed"
    folder.mkdir()
    write_named(folder, "기사.txt".encode("utf-8"), article("01-sejong-quantum"))
    write_named(folder, "기사.txt".encode("cp949"), article("03-daejeon-talent"))
    out = tmp_path / "briefs"
    result = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir)
    assert result.exit_code == 0, result.output
    assert "2 articles: 2 done, 0 failed, 0 skipped as unchanged; 0 rendered differently across articles; " \
           "1 written under another name than the file's (the index says why); index: " in result.output
    data, md = index_of(out)
    assert [(a["name"], a["name_note"]) for a in data["articles"]] == [
        ("기사", None),
        ("기사-2", "file name in CP949, not UTF-8; written as 기사-2: another article is named 기사")]
    titles = {a["name"]: json.loads((out / a["json"]).read_text(encoding="utf-8"))["title"]["ko"]
              for a in data["articles"]}
    assert titles == {"기사": "세종시, 일본 기업과 양자컴퓨팅 협력 추진", "기사-2": "대전시, 양자 인재 1천명 키운다"}
    assert "(file name in CP949, not UTF-8; written as 기사-2: another article is named 기사) | [" in md


def test_an_unreadable_file_with_a_cp949_name_fails_alone_in_one_readable_line(tiny_model_dir, tmp_path):
    folder = tmp_path / "unzipped"
    folder.mkdir()
    shutil.copy(ARTICLES / "01-sejong-quantum.txt", folder)
    write_named(folder, "사진.txt".encode("cp949"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "briefs"
    result = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "-q")
    assert result.exit_code == 4, result.output
    reason = f"{folder}/사진.txt looks like a binary file (it contains NUL bytes), not article text"
    assert lines_but_probe_warnings(result.output) == [f"warning: {reason}; the batch goes on"]
    data, md = index_of(out)
    assert [(a["name"], a["status"], a["reason"]) for a in data["articles"]] == [
        ("01-sejong-quantum", "done", None), ("사진", "failed", reason)]
    assert f"| failed: {reason} |" in md


def test_a_decomposed_name_from_a_mac_and_its_composed_twin_get_two_outputs(tmp_path):
    # a zip made on macOS holds decomposed Hangul (NFD); beside the composed name it looks the same, and
    # on macOS it is the same file: one output each, or the second brief would replace the first
    import unicodedata

    (tmp_path / "기사.txt").write_text("기사", encoding="utf-8")
    (tmp_path / unicodedata.normalize("NFD", "기사.txt")).write_text("기사", encoding="utf-8")
    items = expand_inputs([str(tmp_path)])
    assert [i.name for i in items] == ["기사", "기사-2"]
    assert items[1].note == "written as 기사-2: another article is named 기사"


def test_a_control_character_in_a_file_name_never_reaches_the_terminal_or_the_index(tiny_model_dir, tmp_path):
    # ESC [2J clears a terminal: a hostile name must be shown escaped on stderr and in the index
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ARTICLES / "01-sejong-quantum.txt", folder)
    hostile = write_named(folder, b"\x1b[2Jphoto.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = tmp_path / "briefs"
    result = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "-q")
    assert result.exit_code == 4, result.output
    shown = f"{folder}/%1B[2Jphoto.txt"
    assert lines_but_probe_warnings(result.output) == [
        f"warning: {shown} looks like a binary file (it contains NUL bytes), not article text; the batch goes on"]
    data, md = index_of(out)
    failed = data["articles"][0]
    assert (failed["name"], failed["status"], failed["source"]) == ("_[2Jphoto", "failed", shown)
    assert os.fsdecode(unquote_to_bytes(failed["source_escaped"])) == hostile
    assert "\x1b" not in md and not any("\x1b" in str(value) for a in data["articles"] for value in a.values())


# --- case 16: an output name longer than a file name may be -----------------------------------------


def test_an_article_whose_name_is_too_long_for_its_outputs_is_written_under_a_shortened_name(tiny_model_dir, tmp_path):
    # a saved page named after its headline: 83 syllables + "ab" + ".htm" is 255 bytes, the most a file
    # name may hold, so NAME.json would be 256. Before #22 this refused the whole batch before any work.
    folder = tmp_path / "pages"
    folder.mkdir()
    long_stem = "가나다" * 27 + "라마" + "ab"
    assert len(f"{long_stem}.htm".encode()) == 255
    (folder / f"{long_stem}.htm").write_bytes(saved_page("03-daejeon-talent"))
    # a second page whose name shares the first 190 bytes: still two names
    twin_stem = long_stem[:-3] + "바ab"
    (folder / f"{twin_stem}.htm").write_bytes(saved_page("02-busan-heavy-ion"))
    shutil.copy(ARTICLES / "01-sejong-quantum.txt", folder)
    out = tmp_path / "briefs"
    result = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "-q")
    assert result.exit_code == 0, result.output
    data, md = index_of(out)
    assert [a["status"] for a in data["articles"]] == ["done", "done", "done"]
    names = [a["name"] for a in data["articles"]]
    assert names[0] == "01-sejong-quantum"
    assert len(set(n.lower() for n in names)) == 3
    for a in data["articles"][1:]:
        assert len(a["name"].encode()) <= MAX_NAME_BYTES
        assert a["name"].startswith("가나다가나다")  # readable: the start of the headline
        assert a["name_note"] == f"name cut to {MAX_NAME_BYTES} bytes, a file name's limit, with a hash of the whole"
    assert sorted(p.name for p in out.iterdir()) == sorted(outputs_of(data) | {"index.json", "index.md"})
    titles = {json.loads((out / a["json"]).read_text(encoding="utf-8"))["title"]["ko"] for a in data["articles"]}
    assert titles == {"세종시, 일본 기업과 양자컴퓨팅 협력 추진", "대전시, 양자 인재 1천명 키운다",
                      "부산 중입자치료센터 내년 3월 문 연다"}
    # a rerun finds the shortened outputs and does nothing again
    again = invoke("run", folder, "-o", f"{out}/", "--model", tiny_model_dir, "-q")
    assert again.exit_code == 0
    assert [a["status"] for a in index_of(out)[0]["articles"]] == ["skipped"] * 3


def test_a_path_too_long_to_exist_fails_alone_and_the_batch_goes_on(tiny_model_dir, tmp_path):
    # a path named on the command line (or in a list on stdin) whose name is 274 bytes: no file system
    # holds it, so it cannot be read; before #22 looking it up was an internal error (exit 3) that
    # stopped the batch before any work
    long_path = tmp_path / f"{'가' * 90}.txt"
    out = tmp_path / "briefs"
    result = invoke("run", ARTICLES / "01-sejong-quantum.txt", long_path, "-o", f"{out}/",
                    "--model", tiny_model_dir, "-q")
    assert result.exit_code == 4, result.output
    reason = f"{long_path}: cannot read: the file name is too long"
    assert lines_but_probe_warnings(result.output) == [f"warning: {reason}; the batch goes on"]
    data, md = index_of(out)
    assert [(a["status"], a["reason"]) for a in data["articles"]] == [("done", None), ("failed", reason)]
    name = data["articles"][1]["name"]
    assert name.startswith("가가가") and len(name.encode()) <= MAX_NAME_BYTES
    assert sorted(p.name for p in out.iterdir()) == [
        "01-sejong-quantum.json", "01-sejong-quantum.md", "index.json", "index.md"]


def test_a_link_named_in_percent_escapes_gets_its_korean_name_cut_to_fit(tmp_path):
    # a link's last part is %XX-escaped UTF-8: 30 syllables are 270 characters escaped, 90 bytes as Korean
    slug = "양자컴퓨팅협력추진" * 3 + "세종시"
    escaped = "".join(f"%{b:02X}" for b in slug.encode())
    long_slug = "양자컴퓨팅협력추진" * 9
    items = expand_inputs([f"https://news.example/2024/{escaped}.html",
                           f"https://news.example/2024/{''.join(f'%{b:02X}' for b in long_slug.encode())}"])
    assert items[0].name == slug and items[0].note is None
    assert len(items[1].name.encode()) <= MAX_NAME_BYTES and items[1].name.startswith("양자컴퓨팅협력추진")


# --- the index counts errors and warnings apart ---------------------------------------------------------


def test_the_index_counts_errors_and_warnings_apart_as_check_does(tmp_path):
    # one article spells the chairman two ways: an `inconsistent` warning, which never fails --strict,
    # beside the error findings (a dropped glossary term, changed numbers)
    folder = tmp_path / "morning"
    shutil.copytree(ARTICLES, folder)
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    rules = [(ko, en.replace("Chairman Hiroshi Tanaka said", "Chairman Hiroshi Tanacka said")) for ko, en in RULES]
    out = tmp_path / "briefs"
    out.mkdir()
    report = run_batch(expand_inputs([str(folder)]), out, load_glossaries([glossary]), PhraseTranslator(rules))
    data, md = index_of(out)
    for a in data["articles"]:
        findings = [f for f in json.loads((out / a["json"]).read_text(encoding="utf-8"))["findings"] if not f["fixed"]]
        assert a["errors"] == sum(1 for f in findings if f["severity"] == "error")
        assert a["warnings"] == sum(1 for f in findings if f["severity"] == "warning")
        assert a["findings"] == a["errors"] + a["warnings"]
    assert [(a["name"], a["errors"], a["warnings"]) for a in data["articles"]] == [
        ("01-sejong-quantum", 1, 1), ("02-busan-heavy-ion", 4, 0), ("03-daejeon-talent", 2, 0)]
    assert "(01-sejong-quantum.md) | done | 1 error, 1 warning |" in md
    assert "(02-busan-heavy-ion.md) | done | 4 errors |" in md
    assert [o.errors for o in report.outcomes] == [1, 4, 2]  # what --strict counts
    # a rerun reads the counts back from each article's JSON
    run_batch(expand_inputs([str(folder)]), out, load_glossaries([glossary]), PhraseTranslator(rules))
    again, again_md = index_of(out)
    assert [a["status"] for a in again["articles"]] == ["skipped"] * 3
    assert [(a["errors"], a["warnings"]) for a in again["articles"]] == [(1, 1), (4, 0), (2, 0)]
    assert "(01-sejong-quantum.md) | skipped (unchanged) | 1 error, 1 warning |" in again_md


def test_glossary_suggest_names_a_cp949_file_readably(tmp_path, caplog):
    # the same unzipped folder given to `glossary suggest`: its notes and warnings name 기사.txt, not
    # Python's escapes of the CP949 bytes (\udcb1\udce2…)
    folder = tmp_path / "unzipped"
    folder.mkdir()
    shutil.copy(ARTICLES / "02-busan-heavy-ion.txt", folder)
    shutil.copy(ARTICLES / "03-daejeon-talent.txt", folder)
    write_named(folder, "기사.txt".encode("cp949"), article("01-sejong-quantum"))
    write_named(folder, "사진.txt".encode("cp949"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    out = tmp_path / "new.yaml"
    result = invoke("glossary", "suggest", folder, "--no-translate", "--glossary", glossary, "-o", out)
    assert result.exit_code == 0, result.output
    # the warning line as logged (without a model, this command installs no handler of its own)
    assert [r.getMessage() for r in caplog.records if r.name == "briefing"] == [
        f"warning: {folder}/사진.txt looks like a binary file (it contains NUL bytes), not article text; "
        "left out of the suggestions"]
    terms = {t["ko"]: t for t in yaml.safe_load(out.read_bytes().decode("utf-8"))["terms"]}
    assert terms["다나카 히로시"]["note"] == ("name, seen 4 times in 3 articles (02-busan-heavy-ion.txt, "
                                         "03-daejeon-talent.txt, 기사.txt); fill in en")
