"""Which sentences the briefing picks, asserted exactly (sumy's habit), on small Korean articles."""

from dataclasses import fields, replace

import pytest

from briefing.brief import BULLETS, SUMMARY, Weights, bullets_for, choose, features, select
from briefing.glossary import TermFinder, load_glossaries
from briefing.pipeline import read, run_article
from conftest import SEED, ScriptedTranslator


def build(*sections: tuple[str | None, list[str]], title: str = "세종시 양자 협력 추진") -> str:
    """An article from (heading, sentences) tuples; each sentence is its own paragraph."""
    lines = [title]
    for heading, sentences in sections:
        if heading:
            lines.append(f"◇ {heading}")
        lines.extend(sentences)
    return "\n".join(lines) + "\n"


def chosen_with(text: str, weights=BULLETS, summary=SUMMARY) -> tuple[list[list[str]], list[str]]:
    """Each section's bullets and the summary, as Korean sentences, under the given weights."""
    article = read(text)
    finder = TermFinder(load_glossaries([]))
    hits = [finder.find(s.ko) for s in article.sentences()]
    brief = choose(features(article, hits), weights=weights, summary=summary)
    ko = [s.ko for s in article.sentences()]
    return [[ko[i] for i in ids] for ids in brief.sections], [ko[i] for i in brief.summary]


def chosen(text: str, glossary=None) -> tuple[list[list[str]], list[str]]:
    article = read(text)
    finder = TermFinder(glossary or load_glossaries([]))
    hits = [finder.find(s.ko) for s in article.sentences()]
    brief = select(article, hits)
    ko = [s.ko for s in article.sentences()]
    return [[ko[i] for i in ids] for ids in brief.sections], [ko[i] for i in brief.summary]


@pytest.mark.parametrize("n, bullets", [(0, 0), (1, 1), (3, 1), (4, 2), (7, 2), (8, 3), (15, 3), (40, 3)])
def test_bullets_are_the_count_a_person_picks(n, bullets):
    # The annotated briefs' convention: 1 for 1-3 sentences, 2 for 4-7, 3 for 8 or more, however long.
    assert bullets_for(n) == bullets


LEAD = [
    "시는 청년 창업 지원 계획을 발표했다.",
    "청년 창업 지원은 역세권 공유 사무실 임대 방식으로 진행된다.",
    "역세권 공유 사무실 임대는 대학가 주변에 집중된다.",
    "이어 기념촬영을 했다.",
    "행사는 한 시간가량 이어졌다.",
]


def test_bullets_option_caps_or_raises_the_count():
    # Five sentences brief to two bullets; --bullets 1 keeps one, --bullets 4 asks for four, and a
    # request past the section's length gets every sentence once.
    article = read(build((None, LEAD), title="도의회 소식"))
    hits = [[] for _ in article.sentences()]
    assert [len(ids) for ids in select(article, hits).sections] == [2]
    assert [len(ids) for ids in select(article, hits, bullets=1).sections] == [1]
    assert [len(ids) for ids in select(article, hits, bullets=4).sections] == [4]
    assert select(article, hits, bullets=9).sections == ((0, 1, 2, 3, 4),)


NEWS = "도청은 관련 조례 개정안을 다음 회기에 상정하기로 했다."  # concrete, but no number, name or term


def pick_one(sentences, headline="세종시 양자 협력 추진", glossary=(), **zeroed):
    """The single bullet of a short lead, with the fitted weights or with the named ones set to 0."""
    article = read(build((None, sentences), title=headline))
    finder = TermFinder(load_glossaries(None if glossary is None else list(glossary)))
    hits = [finder.find(s.ko) for s in article.sentences()]
    result = choose(features(article, hits), weights=replace(BULLETS, **zeroed))
    return [s.ko for s in article.sentences()][result.sections[0][0]]


# Each case: the sentence a press officer forwards, and the weight without which the tool would not.
# Ties go to the earlier sentence, and the earlier sentence gains by position, so the weaker sentence
# mostly comes first and only the weight lifts the other; for position and backward it is the reverse.
SESSION_ENDED = "도의회는 이번 주 정례회를 마쳤다."  # a procedural line with no number, name, date or decision
VENUE = "행사는 시청 대회의실에서 진행됐다."  # where it happened: nobody forwards it
WEIGHT_CASES = [
    # centrality: the plan that the next sentence elaborates beats an unrelated procedural line
    ("centrality", "도의회 소식", [SESSION_ENDED, "시는 청년 주택 공급 계획을 발표했다.",
                               "청년 주택은 역세권에 들어서며 공급 물량은 해마다 늘어난다."], 1),
    # backward (PacSum's λ, fitted at 0.03, so its case is close by nature): the programme that started,
    # not the elaboration that repeats its words and is echoed by the last sentence
    ("backward", "도의회 소식", ["시는 청년 창업 지원 사업을 시작했다.",
                               "청년 창업 지원 계획은 역세권 공유 사무실 임대 방식으로 진행된다.",
                               "공유 사무실 임대는 역세권 대학가에 집중된다."], 0),
    # title: the sentence that says what the headline says
    ("title", "축제 예산 늘어난다", [SESSION_ENDED, "축제 예산은 크게 늘었다."], 1),
    # position: the policy the story opens with, not the school-age statistic after it (which holds
    # three numbers and would win without the inverted pyramid)
    ("position", "도의회 소식", ["도교육청은 내년부터 고등학생 무상급식을 시행한다.",
                               "도내 학생 수는 지난해 21만 명에서 올해 20만 명으로 3년째 줄었다."], 0),
    # numbers: the budget figures are the news
    ("numbers", "도의회 소식", [VENUE, "축제 예산은 지난해 20억 원에서 올해 30억 원으로 늘었다."], 1),
    # names: a named official deciding something
    ("names", "도의회 소식", [NEWS, "김철수 교육감은 학교 급식 지원을 확대하기로 했다."], 1),
    # quote: generic praise in quotation marks gives way to what the education office will do
    ("quote", "도의회 소식", ['관계자는 "정말 뜻깊은 자리였고 앞으로도 최선을 다하겠다"고 말했다.',
                            "도교육청은 학교 급식 대상을 고등학생까지 늘린다."], 1),
    # pronoun: "이는 …" forwarded alone says nothing; the sentence with its own subject does
    ("pronoun", "도의회 소식", ["이는 지역 산업 구조를 바꾸는 첫걸음이 될 것으로 보인다.", "도는 반도체 공장 유치를 추진한다."], 1),
    # roster: who attended is not news; three cities forming a joint team is
    ("roster", "도의회 소식", ["이날 행사에는 김철수 의원, 박영희 위원장, 이민수 교육감 등이 참석했다.",
                             "부산시와 울산시, 경남도는 공동 연구단을 꾸렸다."], 1),
    # short: "김 지사는 감사를 전했다." (a named governor, but only thanks) cannot stand alone in a bullet
    ("short", "도의회 소식", ["김 지사는 감사를 전했다.", "도는 청년 주택 공급 물량을 해마다 늘린다."], 1),
    # dates: when the library opens, not how many came to the event (one number each)
    ("dates", "도의회 소식", ["행사에는 시민 100여 명이 참석했다.", "시립도서관은 다음 달 3일 문을 연다."], 1),
    # decision: the council passing the ordinance, not where the session was held
    ("decision", "도의회 소식", [VENUE, "도의회는 청년 기본 조례 개정안을 의결했다."], 1),
]


# Every feature weight of BULLETS is fitted above 0 and has a case above; redundancy has its own test
# below. SUMMARY weighs a sentence only by its score as a bullet of its section (``section``), whether it
# is a bullet and whether it opens a section: its own feature weights are fitted at 0, so they decide
# nothing and have no case. Each of its fitted weights (redundancy, spread, bullet, opens, section) has a
# test below in which setting it to 0 changes the choice.


@pytest.mark.parametrize("weight, title, sentences, expected", WEIGHT_CASES, ids=[c[0] for c in WEIGHT_CASES])
def test_each_bullet_weight_decides_a_case(weight, title, sentences, expected):
    assert pick_one(sentences, title) == sentences[expected]
    assert pick_one(sentences, title, **{weight: 0.0}) != sentences[expected]


def test_glossary_terms_decide_between_two_named_sentences():
    # Both name someone (김철수; 중입자 is a proper noun to kiwi) and report something done; the one
    # with a glossary term (중입자 치료, heavy-ion therapy) is what these readers follow.
    sentences = ["김철수 교육감은 학교 급식 지원을 확대했다.", "병원은 중입자 치료 환자를 받기 시작했다."]
    assert pick_one(sentences, glossary=None) == sentences[1]
    assert pick_one(sentences, glossary=None, terms=0.0) == sentences[0]


def test_a_sentence_that_restates_a_chosen_one_gives_way_to_a_new_fact():
    # Nine sentences, three bullets. The second restates the first almost word for word; the bullets
    # should bring the budget and the attendance, not the same agreement twice.
    sections, _ = chosen(build((None, [
        "세종시는 일본 치바현과 중입자 치료 협력 협약을 맺었다고 밝혔다.",
        "세종시는 치바현과 중입자 치료 분야 협력 협약을 맺었다고 덧붙였다.",
        "시는 중입자가속기 암치료센터 건립에 국비 3천억 원을 신청할 계획이다.",
        "이날 행사는 시청 대회의실에서 열렸다.",
        "행사에는 시민 100여 명이 참석했다.",
        "참석자들은 기념사진을 찍었다.",
        "행사는 한 시간가량 이어졌다.",
        "시 관계자는 감사 인사를 전했다.",
        "다음 행사는 내년에 열린다.",
    ])), load_glossaries(None))
    assert sections == [[
        "세종시는 일본 치바현과 중입자 치료 협력 협약을 맺었다고 밝혔다.",
        "시는 중입자가속기 암치료센터 건립에 국비 3천억 원을 신청할 계획이다.",
        "행사에는 시민 100여 명이 참석했다.",
    ]]


def test_the_summary_spreads_across_sections():
    # Without the spread weight the summary would take a second budget line from the lead (the
    # call's result date) instead of the education section's news.
    text = build(
        (None, ["도는 청년 창업 지원 예산 50억 원을 편성했다.", "예산은 사무실 임대료와 장비 구입에 쓰인다.",
                "도는 내년 상반기 청년 창업 공모를 연다.", "공모 결과는 7월에 발표된다."]),
        ("교육", ["한편 학생 수는 해마다 줄고 있다.", "도교육청은 내년부터 학교 급식 대상을 고등학생까지 늘린다."]),
        ("교통", ["버스 노선 개편안은 9월에 시행된다."]),
        title="도의회 소식",
    )
    _, summary = chosen(text)
    assert summary == ["도는 청년 창업 지원 예산 50억 원을 편성했다.",
                       "도교육청은 내년부터 학교 급식 대상을 고등학생까지 늘린다.",
                       "버스 노선 개편안은 9월에 시행된다."]
    _, unspread = chosen_with(text, summary=replace(SUMMARY, spread=0.0))
    assert unspread == ["도는 청년 창업 지원 예산 50억 원을 편성했다.",
                        "공모 결과는 7월에 발표된다.",
                        "버스 노선 개편안은 9월에 시행된다."]


def test_bullet_redundancy_brings_a_new_fact_instead_of_a_second_look_at_the_first():
    # Four sentences, two bullets. The riders line shares the budget vote's words (similarity about
    # 0.4, under the 0.6 RESTATES cut, so only MMR's redundancy keeps it out) and scores a little above
    # the hospital line; a press officer forwards the budget and the hospital money in it, not the same
    # vote told twice.
    text = build((None, [
        "시의회는 내년도 예산안 1조 2천억 원을 의결했다.",
        "시의회는 내년도 예산안을 의결하면서 부대 의견 25건을 달았다.",
        "예산안에는 시립병원 신축 비용 300억 원이 포함됐다.",
        "시립병원은 2027년 문을 연다.",
    ]), title="시의회 내년도 예산안 의결")
    sections, _ = chosen_with(text)
    assert sections == [["시의회는 내년도 예산안 1조 2천억 원을 의결했다.",
                         "예산안에는 시립병원 신축 비용 300억 원이 포함됐다."]]
    sections, _ = chosen_with(text, weights=replace(BULLETS, redundancy=0.0))
    assert sections == [["시의회는 내년도 예산안 1조 2천억 원을 의결했다.",
                         "시의회는 내년도 예산안을 의결하면서 부대 의견 25건을 달았다."]]


def test_summary_redundancy_passes_over_a_line_that_retells_the_vote():
    # The procedural line (the council heard the review before voting) shares the lead's words and
    # scores above the hospital money on its own; the summary should carry the budget, the hospital
    # money and when building starts, not the vote twice.
    text = build((None, [
        "시의회는 내년도 예산안 1조 2천억 원을 의결했다.",
        "시의회는 의결에 앞서 본회의에서 예산안 심사 결과를 보고받았다.",
        "예산안에는 시립병원 신축 비용 300억 원이 포함됐다.",
        "신축 공사는 2025년 3월 시작된다.",
    ]), title="시의회 내년도 예산안 의결")
    _, summary = chosen_with(text)
    assert summary == ["시의회는 내년도 예산안 1조 2천억 원을 의결했다.",
                       "예산안에는 시립병원 신축 비용 300억 원이 포함됐다.",
                       "신축 공사는 2025년 3월 시작된다."]
    _, summary = chosen_with(text, summary=replace(SUMMARY, redundancy=0.0))
    assert summary == ["시의회는 내년도 예산안 1조 2천억 원을 의결했다.",
                       "시의회는 의결에 앞서 본회의에서 예산안 심사 결과를 보고받았다.",
                       "신축 공사는 2025년 3월 시작된다."]


def test_summary_bullet_weight_prefers_a_line_already_chosen_as_a_bullet():
    # Both sections already have a summary line, so the third comes from one of them. Where the new
    # doctors trained (two hospitals' names and a number) scores above the centre's cost as a sentence
    # of its section, but only the cost was chosen as a bullet, since the staffing section gets one:
    # the bullet bonus keeps the summary on the news a person forwards: the centre opens, what it cost,
    # who was hired.
    text = build(
        (None, ["시립병원은 다음 달부터 중입자 치료 센터를 운영한다.",
                "중입자 치료 센터는 전립선암과 폐암 환자를 먼저 받는다.",
                "중입자 치료 센터 건립에는 국비와 시비 800억 원이 들었다.",
                "센터 건물은 지하 2층, 지상 5층 규모다."]),
        ("인력", ["병원은 의사 12명과 방사선사 20명을 새로 뽑았다.",
                "합격자 가운데 8명은 서울대병원과 세브란스병원 출신이다."]),
        title="시립병원 중입자 치료 시작",
    )
    sections, summary = chosen_with(text)
    assert sections == [["시립병원은 다음 달부터 중입자 치료 센터를 운영한다.",
                         "중입자 치료 센터 건립에는 국비와 시비 800억 원이 들었다."],
                        ["병원은 의사 12명과 방사선사 20명을 새로 뽑았다."]]
    assert summary == ["시립병원은 다음 달부터 중입자 치료 센터를 운영한다.",
                       "중입자 치료 센터 건립에는 국비와 시비 800억 원이 들었다.",
                       "병원은 의사 12명과 방사선사 20명을 새로 뽑았다."]
    _, summary = chosen_with(text, summary=replace(SUMMARY, bullet=0.0))
    assert summary == ["시립병원은 다음 달부터 중입자 치료 센터를 운영한다.",
                       "병원은 의사 12명과 방사선사 20명을 새로 뽑았다.",
                       "합격자 가운데 8명은 서울대병원과 세브란스병원 출신이다."]


def test_summary_opens_weight_takes_a_section_by_its_first_sentence():
    # The free-lunch section's first sentence (what starts, and when) and its cost-sharing line are both
    # bullets; the cost line scores a little higher as a bullet (two sums and two institutions), but the
    # summary line for the section should be the policy itself, which the section opens with, not who
    # pays for it.
    text = build(
        (None, ["도의회는 내년도 교육 예산안을 원안대로 통과시켰다.",
                "교육 예산안은 본회의에서 재석 의원 전원 찬성으로 가결됐다.",
                "예산은 내년 1월부터 집행된다."]),
        ("무상급식", ["고등학생 무상급식이 내년 3월 시작된다.",
                    "대상 학생은 4만 명으로 늘어난다.",
                    "급식 예산 120억 원은 경기도와 도교육청이 60억 원씩 낸다.",
                    "학부모 단체는 환영 입장을 냈다."]),
        ("통학버스", ["농어촌 학교 통학버스 30대가 새로 도입된다.", "버스는 2학기부터 운행된다."]),
        title="도의회 교육 예산 통과",
    )
    sections, summary = chosen_with(text)
    assert sections[1] == ["고등학생 무상급식이 내년 3월 시작된다.",
                           "급식 예산 120억 원은 경기도와 도교육청이 60억 원씩 낸다."]
    assert summary == ["도의회는 내년도 교육 예산안을 원안대로 통과시켰다.",
                       "고등학생 무상급식이 내년 3월 시작된다.",
                       "농어촌 학교 통학버스 30대가 새로 도입된다."]
    _, summary = chosen_with(text, summary=replace(SUMMARY, opens=0.0))
    assert summary == ["도의회는 내년도 교육 예산안을 원안대로 통과시켰다.",
                       "급식 예산 120억 원은 경기도와 도교육청이 60억 원씩 낸다.",
                       "농어촌 학교 통학버스 30대가 새로 도입된다."]


def test_summary_section_weight_leaves_out_a_section_without_news():
    # Four sections, each opening with its only bullet, for three summary lines: the bullet and opening
    # bonuses cannot tell them apart, so without the section weight the summary takes the first three,
    # the public gallery's colour among them. Weighed by what each line scores as a bullet, it takes the
    # budget, the bus fares and the pension instead.
    text = build(
        (None, ["도의회는 내년도 예산안 9조 원을 의결했다.", "예산안은 재석 의원 전원 찬성으로 가결됐다."]),
        ("이모저모", ["이날 본회의장 방청석은 시민들로 가득 찼다.", "방청객들은 의원들의 발언을 끝까지 지켜봤다."]),
        ("교통", ["시내버스 요금은 내년 7월까지 동결된다."]),
        ("복지", ["기초연금 지원 대상은 1만 명 늘어난다."]),
        title="도의회 내년도 예산안 의결",
    )
    sections, summary = chosen_with(text)
    assert [ids[0] for ids in sections] == ["도의회는 내년도 예산안 9조 원을 의결했다.",
                                            "이날 본회의장 방청석은 시민들로 가득 찼다.",
                                            "시내버스 요금은 내년 7월까지 동결된다.",
                                            "기초연금 지원 대상은 1만 명 늘어난다."]
    assert summary == ["도의회는 내년도 예산안 9조 원을 의결했다.", "시내버스 요금은 내년 7월까지 동결된다.",
                       "기초연금 지원 대상은 1만 명 늘어난다."]
    _, summary = chosen_with(text, summary=replace(SUMMARY, section=0.0))
    assert summary == ["도의회는 내년도 예산안 9조 원을 의결했다.", "이날 본회의장 방청석은 시민들로 가득 찼다.",
                       "시내버스 요금은 내년 7월까지 동결된다."]


def test_summary_section_weight_carries_what_the_bullet_weights_say_of_a_sentence():
    # The ranker's summary (evaluation.ranker_fit) weighs a sentence by its score as a bullet of its
    # section rather than by fifteen weights of its own. Counting only that, the summary takes the two
    # lines the bullets take (the shelters and the snow ploughs, each with its number) and not the
    # opening remark on the weather, which a summary of nothing but the first sentences would keep.
    text = build((None, ["올해 겨울은 유난히 추웠다.", "도는 한파 쉼터 200곳을 새로 지정했다.",
                         "쉼터는 경로당과 주민센터에 마련된다.", "눈길 사고는 해마다 되풀이된다.",
                         "도는 제설 차량 40대를 추가로 배치하기로 했다.", "차량은 다음 달부터 운행된다."]),
                 title="도, 한파 대책 발표")
    nothing = Weights(**{f.name: 0.0 for f in fields(Weights)})
    sections, summary = chosen_with(text, summary=replace(nothing, section=1.0))
    assert sections == [["도는 한파 쉼터 200곳을 새로 지정했다.", "도는 제설 차량 40대를 추가로 배치하기로 했다."]]
    assert summary == ["도는 한파 쉼터 200곳을 새로 지정했다.", "쉼터는 경로당과 주민센터에 마련된다.",
                       "도는 제설 차량 40대를 추가로 배치하기로 했다."]
    _, first = chosen_with(text, summary=nothing)
    assert first == ["올해 겨울은 유난히 추웠다.", "도는 한파 쉼터 200곳을 새로 지정했다.", "쉼터는 경로당과 주민센터에 마련된다."]


def test_a_decision_told_again_counts_less_as_a_decision():
    # The vote and the vote retold with its riders both say 의결; the second is not news a second time,
    # so its decision feature is lowered by its likeness to the first. The hospital line holds no
    # decision at all, and a first telling counts in full.
    article = read(build((None, [
        "시의회는 내년도 예산안 1조 2천억 원을 의결했다.",
        "시의회는 내년도 예산안을 의결하면서 부대 의견 25건을 달았다.",
        "예산안에는 시립병원 신축 비용 300억 원이 포함됐다.",
    ]), title="시의회 내년도 예산안 의결"))
    decision = features(article, [[] for _ in article.sentences()]).decision
    assert decision[0] == 1.0
    assert 0.0 < decision[1] < 0.8
    assert decision[2] == 0.0


def test_a_decision_recalled_as_background_is_no_decision():
    # "…체결한 바 있다" says the city signed an agreement some time before: background, not the news
    # of the day (the seed's s27, which the bullets took over the QST hospital visit).
    article = read(build((None, [
        "시는 미국 기업과 양자산업 업무협약을 체결했다.",
        "시는 2년 전 일본 연구소와도 양자산업 업무협약을 체결한 바 있다.",
    ]), title="세종시 양자 협력 추진"))
    decision = features(article, [[] for _ in article.sentences()]).decision
    assert decision[0] == 1.0
    assert decision[1] == 0.0


def test_a_speakers_label_is_not_the_news_of_the_turn():
    # Remarks printed as turns, each opening with the speaker's label ("◆SK 이만수 감독=…"): the label
    # says who speaks, and its names must not lift the label's sentence over the turn's concrete news
    # (f12 of the dev captures took "◆SK 이만수 감독=선수들에게 고맙다" over the predicted-seventh line).
    turns = [
        ("◆삼성 류중일 감독=", ["운이 좋은 사람 같다.", "5차전이 고비였고 6차전은 박석민의 홈런이 결정적이었다.",
                             "선수들과 거리를 두고 잔소리도 많이 했다.", "개막 전 부담이 컸다."]),
        ("◆SK 이만수 감독=", ["한 시즌 동안 고생한 선수들에게 정말 고맙다.", "개막 전 예상 순위 7위까지 밀려 마음이 상했다.",
                            "한국시리즈에 오른 것은 기적 같다.", "부상 선수가 너무 많았다."]),
    ]
    labelled = [label + said[0] if k == 0 else said[k] for label, said in turns for k in range(len(said))]
    plain = [line for _, said in turns for line in said]
    title = "한국시리즈 감독 말말말"
    with_labels = features(read(build((None, labelled), title=title)), [[] for _ in labelled])
    without = features(read(build((None, plain), title=title)), [[] for _ in plain])
    assert with_labels.names == without.names
    assert choose(with_labels) == choose(without)


def test_glossary_terms_lift_a_sentence_that_names_them():
    # Two later sentences of equal length and position weight: the one that names RIKEN and quantum
    # computing is what these readers follow.
    text = build((None, [
        "세종시 대표단이 일본 순방 일정을 모두 마치고 귀국했다고 밝혔다.",
        "대표단은 현지에서 여러 기관 관계자들과 다양한 의견을 나눴다.",
        "대표단은 이화학연구소 양자컴퓨팅 센터를 찾아 협력 방안을 논의했다.",
        "대표단은 현지 식당에서 관계자들과 저녁 식사를 함께 했다.",
        "대표단은 이동 중에 여러 도시의 풍경을 둘러봤다.",
    ]))
    with_terms, _ = chosen(text, load_glossaries(None))
    assert "대표단은 이화학연구소 양자컴퓨팅 센터를 찾아 협력 방안을 논의했다." in with_terms[0]


def test_the_summary_covers_the_sections_before_repeating_one():
    _, summary = chosen(build(
        (None, ["세종시가 일본 순방에서 양자기술 협력을 추진하기로 했다고 밝혔다.",
                "최민호 시장은 기자회견을 열고 순방 성과를 발표했다."]),
        ("중입자 치료", ["대표단은 치바현 QST 병원을 방문해 중입자 치료 현황을 들었다.",
                        "병원장은 중입자가속기 관련 자문을 약속했다."]),
        ("정원 도시", ["시는 시즈오카현과 정원 분야 교류를 확대하기로 했다.",
                      "시즈오카현 지사는 국제정원도시박람회 참석을 검토하기로 했다."]),
    ))
    assert len(summary) == 3
    assert summary[0].startswith("세종시가 일본 순방에서")
    assert summary[1].startswith("대표단은 치바현 QST 병원을")
    assert summary[2].startswith("시는 시즈오카현과")


def test_selection_reads_only_the_korean():
    # Two translations of different quality must brief the same sentences: a mistranslation cannot
    # promote or bury a sentence.
    text = SEED.read_text(encoding="utf-8")
    glossary = load_glossaries(None)

    class Echo(ScriptedTranslator):
        def __init__(self, fill):
            super().__init__()
            self.fill = fill

        def translate(self, texts, progress=None):
            from briefing.model import Translation

            return [Translation(self.fill(t)) for t in texts]

    good = run_article(text, glossary, Echo(lambda t: f"English of: {t}"), fix=False)
    broken = run_article(text, glossary, Echo(lambda t: "the the the"), fix=False)
    assert good.brief == broken.brief


def test_the_brief_names_its_sentences_by_the_ids_findings_use(seed_result):
    # The summary's second line is sentence 5 of the seed (the delegation agreed with Chiba's governor
    # to widen exchange), s5 as a finding on it would say, and each section's bullets are ids of that
    # section's sentences: never positions in a list.
    assert seed_result.brief.summary == ("s1", "s5", "s29")
    assert seed_result.brief.sections == (("s1", "s2"), ("s5", "s9", "s11"), ("s16", "s21", "s28"), ("s29", "s31"))
    assert seed_result.get("s5").en.startswith("On the 30th the city delegation visited Chiba Prefecture")
    assert {seed_result.get(i).section for i in seed_result.brief.sections[2]} == {2}
