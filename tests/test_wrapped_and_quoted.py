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
