"""The number check (#23): a changed number is an error, a number said another way is no finding, and only
what cannot be decided is a note. Each pair is an invented Korean sentence with an English rendering."""

import pytest

from briefing.checks import check_segments, english_numbers


def findings(ko: str, en: str) -> tuple[list, list]:
    """(errors, notes) of the number check, each as (Korean number, severity)."""
    report = check_segments([ko], [en], [], checks=["number"])
    return [(i.ko, i.severity) for i in report.issues], [(n.ko, n.severity) for n in report.notes]


@pytest.mark.parametrize("ko, en, wrong", [
    # a year changed: one digit slipped, two digits swapped
    ("그는 1994년에 회사를 세웠다.", "He founded the company in 1949.", "1994년에"),
    ("그는 1994년에 회사를 세웠다.", "He founded the company in 1995.", "1994년에"),
    # a vague word elsewhere on the line (later, some, ago) does not excuse a year changed beside it
    ("그는 1994년에 회사를 세웠고 몇 년 뒤 팔았다.", "He founded the company in 1949 and sold it some years later.",
     "1994년에"),
    # a magnitude slip: 3만 is 30,000, and 3,000 stands where it should be
    ("관중 3만 명이 모였다.", "A crowd of 3,000 gathered.", "3만명이"),
    ("하루 280만 배럴을 수출했다.", "It exported 2.8 billion barrels a day.", "280만배럴을"),
    # "tens of thousands" is no number: 1,000 changed into 2,000 beside it is an error
    ("수만 명이 모였고 그중 1,000명이 다쳤다.", "Tens of thousands gathered and 2,000 were hurt.", "1,000명이"),
    # native number words with a counter, off by one
    ("세 명이 다쳤다.", "Four people were hurt.", "세 명이"),
    ("그는 일곱 번 우승했다.", "He won eight times.", "일곱 번"),
    ("열두 척의 배가 왔다.", "Eleven ships came.", "열두 척의"),
    # the same unit needs the same number; rounding of a conversion excuses nothing in the same unit
    ("탑의 높이는 15m이다.", "The tower is 17 meters tall.", "15"),
    ("시속 11킬로미터로 움직였다.", "It moved at ten kph.", "11킬로미"),
    ("무게는 10kg이었다.", "It weighed 12 kilograms.", "10"),
    # a converted unit beside a changed original: 240 km is about 149 miles, but 220 km stands there
    ("시속 240km(시속 149마일)의 바람", "winds of 220 kilometers an hour (149 miles per hour)", "240"),
    # a percentage changed; a day of a month changed; a race time changed
    ("지지율은 45%였다.", "Support was 54%.", "45%였다"),
    ("회의는 3월 20일 열렸다.", "The meeting was held on March 10.", "20일"),
    ("그는 2시간 5분 33초의 기록으로 우승했다.", "He won in 2:05:38.", "33초의"),
    # an ordinal word off by one, beside a word of time that cannot excuse it
    ("그는 3번째 우승을 했고 지난해에도 이겼다.", "He won for the fourth time, and also won last year.", "3번째"),
    # a count changed while a percentage of the same value stands elsewhere: 2% does not account for "two"
    ("약 2%의 폭풍은 3시간 이상 지속된다.", "About two percent of storms last more than two hours.", "3시간"),
])
def test_a_changed_number_is_an_error(ko, en, wrong):
    assert findings(ko, en) == ([(wrong, "error")], [])


@pytest.mark.parametrize("ko, en", [
    ("그는 1994년에 회사를 세웠다.", "He founded the company in 1994."),
    ("관중 3만 명이 모였다.", "A crowd of 30,000 gathered."),
    ("관중 3만 명이 모였다.", "A crowd of 30 thousand gathered."),
    ("관중 3만 명이 모였다.", "A crowd of thirty thousand gathered."),
    ("수만 명이 모였고 그중 1,000명이 다쳤다.", "Tens of thousands gathered and 1,000 were hurt."),
    ("세 명이 다쳤다.", "Three people were hurt."),
    ("세 명이 다쳤다.", "A few people were hurt."),  # a native number paraphrased, nothing competes
    ("그는 일곱 번 우승했다.", "He won seven times."),
    ("대표단은 두 차례 방문했다.", "The delegation visited twice."),
    ("스무 살 청년이 왔다.", "A 20-year-old came."),
    # a conversion into another unit, within rounding
    ("탑의 높이는 15m이다.", "The tower is 49 feet tall."),
    ("탑의 높이는 15m이다.", "The tower is 16 yards tall."),
    ("시속 11킬로미터로 움직였다.", "It moved at 7 mph."),
    ("무게는 10kg이었다.", "It weighed 22 pounds."),
    ("기온은 섭씨 32도였다.", "It was 90 degrees Fahrenheit."),
    ("기온은 32℃였다.", "Temperatures were in the 90s."),  # a decade of Fahrenheit, not a count of 90
    ("지지율은 50%였다.", "Support was half."),
    ("회의는 3월 20일 열렸다.", "The meeting was held on Tuesday."),  # a weekday for the date
    # clock and race times
    ("회의는 오후 2시 30분에 시작했다.", "The meeting began at 2:30 p.m."),
    ("회의는 오후 2시 30분에 시작했다.", "The meeting began at 14:30."),
    ("그는 2시간 5분 33초의 기록으로 우승했다.", "He won in 2:05:33."),
    # digits attached to letters: a name (F16) is no rival; 5km, 3rd and the 1990s are numbers
    ("F-16 전투기 2대가 출격했다.", "Two F16 fighters took off."),
    ("그는 5km를 달렸다.", "He ran 5km."),
    ("그는 3위에 올랐다.", "He finished 3rd."),
    ("그는 3번째 우승을 했다.", "He won for the third time."),
    ("그는 1990년대에 태어났다.", "He was born in the 1990s."),
    ("세계 1차 대전 때 그는 군인이었다.", "He was a soldier in World War One."),
    # a range shares its magnitude: "two to three million" is 2백만 to 3백만
    ("2백만에서 3백만 년 전의 화석", "fossils from two to three million years ago"),
    ("2000년부터 2001년까지 시즌", "the 2000-01 season"),
    ("3분의 2가 찬성했다.", "Two thirds were in favour."),
    ("2분의 1이 남았다.", "Half remained."),
    # counters English writes as one word
    ("15분 동안 쉬었다.", "They rested for a quarter-hour."),
    ("축제는 2년마다 열린다.", "The festival is biennial."),
    ("그는 2학년이다.", "He is a sophomore."),
])
def test_a_number_said_another_way_is_no_finding(ko, en):
    assert findings(ko, en) == ([], [])


def test_a_vague_word_excuses_only_a_number_it_can_stand_for():
    # "decades ago" may stand for a year and "some" for a count: notes, nothing else on the line competes
    assert findings("그는 1994년에 회사를 세웠다.", "He founded the company decades ago.") == ([], [("1994년에", "note")])
    assert findings("그는 상자 47개를 옮겼다.", "He moved some boxes.") == ([], [("47개를", "note")])
    # "later" is a word of time: it cannot stand for 47 boxes, so the dropped count is an error
    assert findings("그는 상자 47개를 옮겼다.", "Later he moved the boxes.") == ([("47개를", "error")], [])


def test_a_conversion_into_another_currency_stays_a_note():
    # 3억 원 as about $230,000: the check cannot confirm the rate; another currency is no rival
    assert findings("그는 3억 원을 기부했다.", "He donated about $230,000.") == ([], [("3억원을", "note")])


def test_a_changed_number_is_an_error_on_run_as_on_check():
    # severity comes from the registry, whatever the path: the finding is an error, never a note
    report = check_segments(["그는 1994년에 회사를 세웠고 나중에 팔았다."], ["He founded it in 1949 and sold it later."], [])
    assert [(i.kind, i.ko, i.severity) for i in report.issues] == [("number", "1994년에", "error")]
    assert report.notes == ()


def test_plural_magnitudes_are_no_number():
    # "tens of thousands" used to be read as 1,000 (text2num turns "thousands" into 1000)
    assert 1000.0 not in english_numbers("Tens of thousands of people came.")
    assert 1000.0 in english_numbers("A thousand people came.")


@pytest.mark.parametrize("ko, en, errors", [
    # the seed's 한미일 3국: the English names the three countries, which says the count
    ("한미일 3국이 힘을 모은다.", "Korea, the United States and Japan join forces.", []),
    ("미·중·일 3개국 정상이 만났다.", "The leaders of the US, China and Japan met.", []),
    # a list says the count only while no other count stands there
    ("한미일 3국이 힘을 모은다.", "The four countries Korea, the United States and Japan join forces.", [("3국이", "error")]),
    # a count of countries with no list before it is still checked, and so is a list the English drops
    ("3국이 힘을 모은다.", "The countries join forces.", [("3국이", "error")]),
    ("한미일 3국이 힘을 모은다.", "The countries join forces.", [("3국이", "error")]),
    ("한미일 3국이 힘을 모은다.", "Korea and Japan join forces.", [("3국이", "error")]),
])
def test_a_count_of_the_countries_just_listed_is_left_to_the_list(ko, en, errors):
    assert findings(ko, en) == (errors, [])
