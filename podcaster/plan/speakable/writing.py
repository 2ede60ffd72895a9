"""What a voice cannot say: letters of a writing system its language lacks, emoji and symbols.

espeak-ng reads Chinese characters to an English voice as "Chinese letter", Cyrillic letter by
letter, and emoji by their names ("grinning face"). Such text is left out of the speech and
reported, never spoken as garbage and never dropped silently. A voice's language is the one in
its id ("gmw/en-us+m1" is English); any voice reads Latin letters.
"""

from __future__ import annotations

import re
import unicodedata

EMOJI_AND_SYMBOLS = "emoji and symbols"
# The first word of a letter's Unicode name -> how a note names its writing system.
_SYSTEMS = {
    "CJK": "Chinese characters", "IDEOGRAPHIC": "Chinese characters", "BOPOMOFO": "Chinese characters",
    "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana", "KATAKANA-HIRAGANA": "Japanese kana",
    "HALFWIDTH": "Japanese kana", "HANGUL": "Korean letters", "CYRILLIC": "Cyrillic letters",
    "GREEK": "Greek letters", "HEBREW": "Hebrew letters", "ARABIC": "Arabic letters",
    "SYRIAC": "Syriac letters", "THAANA": "Thaana letters", "DEVANAGARI": "Devanagari letters",
    "BENGALI": "Bengali letters", "GURMUKHI": "Gurmukhi letters", "GUJARATI": "Gujarati letters",
    "ORIYA": "Oriya letters", "TAMIL": "Tamil letters", "TELUGU": "Telugu letters",
    "KANNADA": "Kannada letters", "MALAYALAM": "Malayalam letters", "SINHALA": "Sinhala letters",
    "THAI": "Thai letters", "LAO": "Lao letters", "TIBETAN": "Tibetan letters",
    "MYANMAR": "Myanmar letters", "KHMER": "Khmer letters", "GEORGIAN": "Georgian letters",
    "ARMENIAN": "Armenian letters", "ETHIOPIC": "Ethiopic letters", "MONGOLIAN": "Mongolian letters",
}
_CHINESE, _KANA = {"CJK", "IDEOGRAPHIC", "BOPOMOFO"}, {"HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA",
                                                      "HALFWIDTH"}
# espeak-ng languages that read a writing system other than Latin (espeak's ja reads kana only).
_LANGUAGE_SYSTEMS = {
    **dict.fromkeys(("cmn", "yue", "hak", "zh"), _CHINESE), "ja": _KANA, "ko": {"HANGUL"},
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tt", "ba", "cv"), {"CYRILLIC"}),
    "el": {"GREEK"}, "grc": {"GREEK"}, "he": {"HEBREW"},
    **dict.fromkeys(("ar", "fa", "ur", "ps", "sd", "ug"), {"ARABIC"}),
    **dict.fromkeys(("hi", "mr", "ne", "sa", "kok", "mai", "bho"), {"DEVANAGARI"}),
    "bn": {"BENGALI"}, "as": {"BENGALI"}, "bpy": {"BENGALI"}, "pa": {"GURMUKHI"},
    "gu": {"GUJARATI"}, "or": {"ORIYA"}, "ta": {"TAMIL"}, "te": {"TELUGU"}, "kn": {"KANNADA"},
    "ml": {"MALAYALAM"}, "si": {"SINHALA"}, "my": {"MYANMAR"}, "ka": {"GEORGIAN"},
    "hy": {"ARMENIAN"}, "hyw": {"ARMENIAN"}, "am": {"ETHIOPIC"}, "dv": {"THAANA"},
}
_SAYABLE_SYMBOLS = set("°")  # "20 °C": espeak says "degrees"
_EMOJI_PARTS = set("\u200d\u20e3\ufe0e\ufe0f")  # joiner, keycap, text and emoji presentation
_LONE_LETTER_SAID = {"GREEK"}  # a lone α or π is said by its name; a Greek word is not
_LANGUAGE = re.compile(r"(?:.*/)?([a-z]{2,3})(?:[-+_].*)?$")


def language_of(voice: str) -> str:
    """The language an espeak voice id speaks: "gmw/en-us+m1" -> "en", "sit/cmn" -> "cmn"."""
    match = _LANGUAGE.match(voice.lower())
    return match.group(1) if match else ""


def unsayable(text: str, language: str) -> list[tuple[str, str]]:
    """``(what, why)`` for each run of ``text`` a voice of ``language`` cannot say, in order."""
    return [(text[start:end], why) for start, end, why in _runs(text, language)]


def drop_unsayable(text: str, language: str) -> str:
    """``text`` without what a voice of ``language`` cannot say (each run becomes a space)."""
    for start, end, _ in reversed(_runs(text, language)):
        text = f"{text[:start]} {text[end:]}"
    return text


def _runs(text: str, language: str) -> list[tuple[int, int, str]]:
    """Maximal unsayable runs, joined over punctuation but not spaces: "港口。安静" is one run."""
    if text.isascii():
        return []  # the common case, at once
    runs: list[tuple[int, int, list[str]]] = []
    joinable = False  # only punctuation since the last run ended
    for index, ch in enumerate(text):
        reason = _reason(ch, language)
        if reason and joinable:
            start, _, reasons = runs[-1]
            runs[-1] = (start, index + 1, reasons + [reason] * (reason not in reasons))
        elif reason:
            runs.append((index, index + 1, [reason]))
        joinable = bool(runs) and (reason is not None or (joinable and not (ch.isspace() or ch.isalnum())))
    return [(start, end, ", ".join(reasons)) for start, end, reasons in runs
            if not _said_alone(text[start:end])]


def _said_alone(run: str) -> bool:
    """A lone Greek letter (α, π) is said by its name: not a run to drop."""
    return len(run) == 1 and run.isalpha() and _system(run) in _LONE_LETTER_SAID


def _reason(ch: str, language: str) -> str | None:
    """Why a voice of ``language`` cannot say ``ch``, or None if it can."""
    category = unicodedata.category(ch)
    if ch in _EMOJI_PARTS or (category in ("So", "Sk", "Co", "Cn", "Cs") and ch not in _SAYABLE_SYMBOLS):
        return EMOJI_AND_SYMBOLS
    if category[0] in "LM":
        system = _system(ch)
        if system in _SYSTEMS and system not in _LANGUAGE_SYSTEMS.get(language, ()):
            return _SYSTEMS[system]
    return None


def _system(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ")[0]
