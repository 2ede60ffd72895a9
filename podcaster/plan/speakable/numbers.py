"""Rules for numbers, said the way a presenter would (words from num2words).

Order matters: money, percentages, dates, decades and years claim their digits
before the plain-number rule turns what is left into cardinals.
"""

from __future__ import annotations

import re
from decimal import Decimal

from num2words import num2words

from ...read.dates import MONTH_NAME, full_month

_MONTH = rf"({MONTH_NAME})\.?"
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {"k": "thousand", "thousand": "thousand", "m": "million", "mn": "million",
           "million": "million", "bn": "billion", "billion": "billion", "tn": "trillion",
           "trillion": "trillion"}
# symbol: (one, many, hundredth, hundredths)
_CURRENCIES = {"€": ("euro", "euros", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
               "$": ("dollar", "dollars", "cent", "cents"), "¥": ("yen", "yen", "sen", "sen")}
_MONEY = re.compile(rf"([€£$¥])\s?({_NUMBER})(?:\s?({'|'.join(_SCALES)})\b)?")
_PERCENT = re.compile(rf"({_NUMBER})\s?%")
_DAY_MONTH = re.compile(rf"\b(?:the\s)?(\d{{1,2}}){_ORDINAL_SUFFIX}?\s(?:of\s)?{_MONTH}(?![a-z])")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s(\d{{1,2}}){_ORDINAL_SUFFIX}?\b(?!\s?[-–:\d])")
_DECADE = re.compile(r"(?<![\w.,])'?(1[1-9]\d0|20\d0|\d0)'?s\b")
_YEAR_RANGE = re.compile(r"\b(1[1-9]\d\d|20\d\d)\s?[-–]\s?(1[1-9]\d\d|20\d\d|\d\d)\b")
_YEAR = re.compile(r"(?<![\w.,$€£¥#-])(1[1-9]\d\d|20\d\d)(?![\w%]|[.,]\d|\s?(?:%|per\s?cent))")
_ORDINAL = re.compile(rf"\b(\d+){_ORDINAL_SUFFIX}\b")
_RANGE = re.compile(r"(?<![\w.,-])(\d{1,3}(?:\.\d+)?)\s?-\s?(\d{1,3}(?:\.\d+)?)(?![\w.,-]\d|\w)|"
                    rf"(?<![\w.,])({_NUMBER})\s?–\s?({_NUMBER})(?![\w.,]\d|\w)")
_DIGIT_GROUPS = re.compile(r"(?<![\w.,-])\d{3,}(?:-\d{3,})+(?![\w-])")
_CARDINAL = re.compile(rf"(?<![\w.,])(-)?({_NUMBER})(?![\w]|[.,]\d)")
_HASH_NUMBER = re.compile(r"(?:#|\bNo\.|\bno\.)\s?(?=\d)")
LONGEST_NUMBER = 15  # digits; longer runs (phone numbers, ids) are read digit by digit


def cardinal(number: str) -> str:
    """"1,200" -> "one thousand two hundred"; "3.50" -> "three point five zero"."""
    plain = number.replace(",", "")
    whole = plain.split(".")[0]
    if len(whole) > LONGEST_NUMBER or (len(whole) > 1 and whole.startswith("0")):
        return one_by_one(plain)
    value = Decimal(plain) if "." in plain else int(plain)
    return num2words(value).replace(",", "")


def one_by_one(number: str) -> str:
    """"007" -> "zero zero seven": for ids and phone numbers."""
    return " ".join(num2words(int(d)) for d in number if d.isdigit())


def ordinal(number: str) -> str:
    if len(number) > LONGEST_NUMBER:
        return cardinal(number)
    return num2words(int(number), to="ordinal").replace(",", "")


def year(number: str) -> str:
    return num2words(int(number), to="year")


def say_money(text: str) -> str:
    """€5 -> five euros; £3.50 -> three pounds fifty; $4m -> four million dollars."""
    def say(match: re.Match) -> str:
        one, many, hundredth, hundredths = _CURRENCIES[match.group(1)]
        amount, scale = match.group(2).replace(",", ""), match.group(3)
        if scale:
            return f"{cardinal(amount)} {_SCALES[scale.lower()]} {many}"
        whole, _, cents = amount.partition(".")
        cents = int(cents[:2].ljust(2, "0")) if cents else 0
        if whole.strip("0") == "" and cents:
            return f"{cardinal(str(cents))} {hundredth if cents == 1 else hundredths}"
        said = f"{cardinal(whole)} {one if int(whole) == 1 else many}"
        return f"{said} {cardinal(str(cents))}" if cents else said
    return _MONEY.sub(say, text)


def say_percentages(text: str) -> str:
    """5% -> five percent; 4.5 per cent is left to the number rule."""
    return _PERCENT.sub(lambda m: f"{cardinal(m.group(1))} percent", text)


def say_numbered(text: str) -> str:
    """No. 5 and #5 -> number five."""
    return _HASH_NUMBER.sub("number ", text)


def say_dates(text: str) -> str:
    """17th April 2023 -> the seventeenth of April 2023; April 17, 2023 -> April seventeenth, 2023."""
    def day_month(match: re.Match) -> str:
        day = int(match.group(1))
        if not 1 <= day <= 31:
            return match.group(0)
        return f"the {ordinal(match.group(1))} of {full_month(match.group(2))}"

    def month_day(match: re.Match) -> str:
        if not 1 <= int(match.group(2)) <= 31:
            return match.group(0)
        return f"{full_month(match.group(1))} {ordinal(match.group(2))}"
    return _MONTH_DAY.sub(month_day, _DAY_MONTH.sub(day_month, text))


def say_decades(text: str) -> str:
    """1990s -> nineteen nineties; the '80s -> the eighties."""
    def say(match: re.Match) -> str:
        digits = match.group(1)
        words = year(digits) if len(digits) == 4 else num2words(int(digits))
        return (words[:-1] + "ies") if words.endswith("y") else words + "s"
    return _DECADE.sub(say, text)


def say_years(text: str) -> str:
    """1848 -> eighteen forty-eight, 2005 -> two thousand and five; 1914-18 -> … to eighteen."""
    def year_range(match: re.Match) -> str:
        start, end = match.group(1), match.group(2)
        end = start[:2] + end if len(end) == 2 else end
        return f"{year(start)} to {year(end)}" if int(end) > int(start) else match.group(0)
    text = _YEAR_RANGE.sub(year_range, text)
    return _YEAR.sub(lambda m: year(m.group(1)), text)


def say_ordinals(text: str) -> str:
    """17th -> seventeenth; 21st century -> twenty-first century."""
    return _ORDINAL.sub(lambda m: ordinal(m.group(1)), text)


def say_ranges(text: str) -> str:
    """5-10 and 5,000–8,000 -> … to …; other digits joined by hyphens (555-1234) one by one."""
    def say(match: re.Match) -> str:
        low, high = (g for g in match.groups() if g)
        if Decimal(low.replace(",", "")) < Decimal(high.replace(",", "")):
            return f"{low} to {high}"
        return match.group(0)
    text = _RANGE.sub(say, text)
    return _DIGIT_GROUPS.sub(lambda m: ", ".join(map(one_by_one, m.group(0).split("-"))), text)


def say_numbers(text: str) -> str:
    """1,200 -> one thousand two hundred; 3.5 -> three point five; -5 -> minus five."""
    def say(match: re.Match) -> str:
        return ("minus " if match.group(1) else "") + cardinal(match.group(2))
    return _CARDINAL.sub(say, text)
