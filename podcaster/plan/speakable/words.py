"""Rules for abbreviations, acronyms and Roman numerals.

Acronym rule: a built-in list of acronyms said as words (NASA, NATO, UNESCO, COVID…)
is written as a word ("Nasa"), respelled where espeak gets it wrong; any other
all-capital word of 2–5 letters is spelled out as dotted letters ("E.C.B", plural
"N.G.O's"): the one form espeak-ng says as letter names without pausing (it reads
"ECB" as "eck-b" and a spaced "A I" as the article "a").
"""

from __future__ import annotations

import re

from num2words import num2words

WORD_ACRONYMS = {
    "NASA": "Nasa", "NATO": "Nato", "UNESCO": "Unesco", "UNICEF": "Unicef", "COVID": "Koh-vid",
    "OPEC": "Opec", "FIFA": "Fifa", "UEFA": "Yoo-ayfa", "AIDS": "Aids", "SARS": "Sars",
    "NIMBY": "Nimby", "OFSTED": "Ofsted", "EFTA": "Efta", "ASEAN": "Assy-an", "NAFTA": "Nafta",
    "CERN": "Sern", "ISIS": "Isis", "LASER": "laser", "RADAR": "radar", "SCUBA": "scuba",
    "GIF": "gif", "JPEG": "jay-peg", "PIN": "pin", "OK": "okay", "FAQ": "F.A.Q", "ERASMUS": "Erasmus",
    "UKIP": "You-kip", "MERCOSUR": "Mercosur", "OXFAM": "Oxfam", "INTERPOL": "Interpol",
    "EUROPOL": "Europol", "FRONTEX": "Frontex", "BAFTA": "Bafta", "ACAS": "Aycas",
}
# Titles before a name: Dr Smith, St Paul, Mr and Mrs Jones.
_TITLES = {"Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Dr": "Doctor", "Prof": "Professor",
           "St": "Saint", "Mt": "Mount", "Sgt": "Sergeant", "Capt": "Captain", "Gen": "General",
           "Rev": "Reverend", "Fr": "Father", "Sen": "Senator", "Gov": "Governor", "Rep": "Representative"}
_TITLE = re.compile(rf"\b({'|'.join(_TITLES)})\.?(?=\s+[A-Z])")
_STREET = re.compile(r"\b([A-Z][a-z]+ )(St|Rd|Ave)\b\.?(?!\s+[A-Z][a-z])")
_STREETS = {"St": "Street", "Rd": "Road", "Ave": "Avenue"}
_LATIN = [(re.compile(r"\b[eE]\.\s?g\.(?=\W|$)"), "for example"),
          (re.compile(r"\b[iI]\.\s?e\.(?=\W|$)"), "that is"),
          (re.compile(r"\bvs?\.(?=\s)|\bvs\b"), "versus"),
          (re.compile(r"\bapprox\.(?=\W|$)"), "approximately"),
          (re.compile(r"\bca\.(?=\s\d)"), "circa")]
_ETC = re.compile(r"\betc\.(\s+(?=[A-Z])|$)?")
_ACRONYM = re.compile(r"\b([A-Z]{2,})(s|['’]s)?\b")
SPELLED_LETTERS = range(2, 6)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_ROMAN = r"(?:X{0,2}(?:IX|IV|V?I{0,3}))"
_NUMBERED_ROMAN = re.compile(rf"\b(War|Part|Chapter|Volume|Vol\.|Act|Phase|Book|Title|Article|"
                             rf"Stage|Round|Season|Series|Level|Type|Class)\s+({_ROMAN})\b")
_REGNAL_ROMAN = re.compile(rf"\b((?:Henry|Edward|George|William|Elizabeth|Charles|James|Richard|"
                           rf"Louis|Napoleon|Pope|Pius|John|Paul|Benedict|Leo|Gregory|Mary|"
                           rf"Philip|Frederick|Nicholas|Peter|Catherine|Alexander|Ramesses|"
                           rf"Juan Carlos|Felipe|Willem|Gustav|Carl|Olav|Harald)(?:'s)?)\s+({_ROMAN})\b")


def roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def say_abbreviations(text: str) -> str:
    """e.g., i.e., etc., vs., approx.; Dr/Mr/Mrs/Prof/St before a name; St/Rd after a street name."""
    for pattern, words in _LATIN:
        text = pattern.sub(words, text)
    text = _ETC.sub(lambda m: "et cetera." + (m.group(1) or "") if m.group(1) is not None
                    else "et cetera", text)
    text = _TITLE.sub(lambda m: _TITLES[m.group(1)], text)
    return _STREET.sub(lambda m: m.group(1) + _STREETS[m.group(2)], text)


def say_roman_numerals(text: str) -> str:
    """World War II -> World War two; Henry VIII -> Henry the eighth (espeak says "roman two")."""
    def numbered(match: re.Match) -> str:
        if not match.group(2):
            return match.group(0)
        return f"{match.group(1)} {num2words(roman_value(match.group(2)))}"

    def regnal(match: re.Match) -> str:
        if match.group(2) in ("", "I"):
            return match.group(0)  # "Henry I" is too often "Henry, I …"
        return f"{match.group(1)} the {num2words(roman_value(match.group(2)), to='ordinal')}"
    return _REGNAL_ROMAN.sub(regnal, _NUMBERED_ROMAN.sub(numbered, text))


def say_acronyms(text: str) -> str:
    """NATO -> Nato (a word); ECB -> E.C.B and NGOs -> N.G.O's (letters). See the module doc."""
    if _shouted(text):
        return text  # a shouted headline, not a string of acronyms

    def say(match: re.Match) -> str:
        letters, plural = match.group(1), match.group(2)
        if letters in WORD_ACRONYMS:
            return WORD_ACRONYMS[letters] + (plural or "")
        if len(letters) not in SPELLED_LETTERS or re.fullmatch(_ROMAN, letters):
            return match.group(0)  # II, IV, XX are left to the Roman numeral rule
        return ".".join(letters) + ("'s" if plural else "")
    return _ACRONYM.sub(say, text)


def _shouted(text: str) -> bool:
    """Three or more words and none in lower case: a headline in capitals."""
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= 3 and not any(ch.islower() for word in words for ch in word)
