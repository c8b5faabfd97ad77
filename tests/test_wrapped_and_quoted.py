"""Sentences as Korean news writes them: a broadcast script hard-wrapped at ~20 characters, and a
long quotation that holds more than one full stop (#10, #12: both once broke briefings apart)."""

from briefing.pipeline import read


def sentences(text: str) -> list[str]:
    return [s.ko for s in read(text).sentences()]


def test_a_broadcast_script_wrapped_on_connectives_reads_as_whole_sentences():
    # TV stations paste their scripts with a line break every 15-20 characters, wherever the clause
    # is: a line that stops on a connective ending (-지만) or a particle (-를) carries on.
    text = (
        "시립병원 장비 도입 경쟁\n\n"
        "대구지역 병원들의 환자 유치를 위한\n"
        "첨단장비 도입 경쟁이 뜨겁습니다.\n"
        "의료의 질은 높아지지만\n"
        "환자에게는 그만큼 부담이 될 것으로 보입니다.\n"
    )
    assert sentences(text) == [
        "대구지역 병원들의 환자 유치를 위한\n첨단장비 도입 경쟁이 뜨겁습니다.",
        "의료의 질은 높아지지만\n환자에게는 그만큼 부담이 될 것으로 보입니다.",
    ]


def test_a_quotation_with_two_full_stops_is_one_sentence():
    # An interview answer printed as a paragraph in curly quotes: the speaker's words are one
    # sentence of the story, not two fragments of which the second ("하지만 …같다.”") means nothing alone.
    text = (
        "총장 연임 인터뷰\n\n"
        "대학은 내년 예산을 늘리기로 했다.\n"
        "“취임 첫해에는 반대도 많을 것으로 예상했다. 하지만 구성원들이 뜻을 이해한 것 같다.”\n"
    )
    assert sentences(text) == [
        "대학은 내년 예산을 늘리기로 했다.",
        "“취임 첫해에는 반대도 많을 것으로 예상했다. 하지만 구성원들이 뜻을 이해한 것 같다.”",
    ]


def test_a_quotation_broken_by_blank_lines_runs_on_to_its_attribution():
    # A list of remarks where the page broke a long quotation with blank lines: the closing mark
    # glued to the speaker's attribution ('"(홍길동 시장, …)') ends the quotation begun lines above,
    # so the remark and who said it are one sentence, not an attribution translated alone.
    text = (
        "[시정 설명회 말말말]\n\n"
        "▲ \"예산이 모자란 것은 사실이다. 그래도 사업은 멈추지 않는다.\n\n"
        "올해 안에 첫 삽을 뜨겠다.\n\n"
        "\"(홍길동 시장, 시정 설명회에서 예산 부족을 묻는 질문에 답하며)\n"
        "▲ \"다음 회기에 다시 논의하자.\"(김철수 의원, 본회의에서)\n"
    )
    assert sentences(text) == [
        "▲ \"예산이 모자란 것은 사실이다. 그래도 사업은 멈추지 않는다.\n\n올해 안에 첫 삽을 뜨겠다.\n\n"
        "\"(홍길동 시장, 시정 설명회에서 예산 부족을 묻는 질문에 답하며)",
        "▲ \"다음 회기에 다시 논의하자.\"(김철수 의원, 본회의에서)",
    ]


def test_a_quotation_left_open_does_not_swallow_the_next_quotation():
    # An unbalanced mark (a typo, a quotation closed with the wrong mark) is not a licence to join:
    # the next paragraph opens a quotation of its own, so the paragraphs stay apart.
    text = (
        "시의회 임시회 개회\n\n"
        "의장은 \"회기 안에 조례안을 처리하겠다고 말했다.\n\n"
        "\"시민의 삶을 먼저 보겠다\"는 각오도 밝혔다.\n"
    )
    assert sentences(text) == [
        "의장은 \"회기 안에 조례안을 처리하겠다고 말했다.",
        "\"시민의 삶을 먼저 보겠다\"는 각오도 밝혔다.",
    ]


def test_a_curly_quotation_closed_by_a_straight_mark_is_one_sentence():
    # Pages mix the marks (an answer opened with “ and closed with "): the answer is still one quotation.
    text = (
        "총장 연임 인터뷰\n\n"
        "“기금을 늘릴 계획이다. 캠퍼스에 연구센터를 세울 예정이다. 재정에 도움이 될 것이다\"\n"
    )
    assert sentences(text) == [
        "“기금을 늘릴 계획이다. 캠퍼스에 연구센터를 세울 예정이다. 재정에 도움이 될 것이다\"",
    ]


def test_a_line_pasted_above_a_lead_of_long_lines_is_no_piece_of_it():
    # A capture that opens with its headline (or deck) right above the lead, no blank line between: the
    # line is close in length to the lead's first line, but the story's lines run to twice its length,
    # so the page is not wrapped at its width. The line is the headline, and the lead's first sentence
    # is the lead's alone (it was once glued to it, briefed and translated as one sentence).
    text = (
        "해외 자매도시 방문해 우호협약 체결·농산물 수출 MOU 예정\n"
        "홍길동 가온군수가 18일부터 5박7일 일정으로 말레이시아 출장길에 오른다.\n"
        "18일 가온군에 따르면 이번 출장은 말레이시아 미리시와 우호결연 협약 체결, 농특산품 업무협약 체결 등의 "
        "빠듯한 일정으로 채워진다.\n"
        "출장단은 19일 미리시에서 시장과 우호결연도시 협약 체결식을 갖고 양 도시의 교류 방안을 논의할 예정이다.\n"
    )
    article = read(text)
    assert article.title.ko == "해외 자매도시 방문해 우호협약 체결·농산물 수출 MOU 예정"
    assert sentences(text)[0] == "홍길동 가온군수가 18일부터 5박7일 일정으로 말레이시아 출장길에 오른다."


def test_a_script_keeps_its_wraps_beside_a_line_it_left_long():
    # A script wrapped at ~20 characters that left one line whole: its short lines still wrap.
    text = (
        "◀ANC▶\n"
        "출근길 음주운전 단속에서 9명이 적발됐습니다.\n"
        "◀VCR▶\n"
        "소주 1병을 마셨을 경우, 몸무게 70kg의 남성은 최소 4시간이 지나야 술이 깹니다.\n"
        "경찰은 야간 음주운전 단속은 물론 출퇴근길\n"
        "음주운전 단속을 더욱 강화할 계획입니다.\n"
        "운전자들은 당황한 기색이 역력했습니다.\n"
    )
    assert "경찰은 야간 음주운전 단속은 물론 출퇴근길\n음주운전 단속을 더욱 강화할 계획입니다." in sentences(text)
