"""Month names have one home (read/dates.py): the date reader and the spoken dates know the same forms."""

import pytest

from podcaster.plan.speakable.numbers import say_dates
from podcaster.read.dates import MONTHS, find_date, full_month, month_number

FORMS = [(number, form) for number, name in enumerate(MONTHS, start=1)
         for form in dict.fromkeys([name, name[:3], name[:3] + ".", *(["Sept", "Sept."] if number == 9 else [])])]


@pytest.mark.parametrize("number, written", FORMS, ids=[form for _, form in FORMS])
def test_every_form_of_every_month_is_read_and_said(number, written):
    assert month_number(written) == number and full_month(written.lower()) == MONTHS[number - 1]
    assert find_date(f"Published {written} 3, 2024")[0] == f"2024-{number:02d}-03"
    assert find_date(f"Published 3 {written.upper()} 2024")[0] == f"2024-{number:02d}-03"  # any case
    assert say_dates(f"on {written} 3") == f"on {MONTHS[number - 1]} third"
    assert say_dates(f"the 3rd of {written}") == f"the third of {MONTHS[number - 1]}"


def test_only_a_capitalised_month_is_said_as_a_date():
    assert say_dates("you may 3 times") == "you may 3 times"
