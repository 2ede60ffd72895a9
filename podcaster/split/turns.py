"""Who speaks an unlabelled paragraph of a two-person interview.

A small hidden-Markov model over paragraphs: the hidden state is the speaker
(interviewer or guest), each paragraph's words give evidence of asking
(questions, "what you're saying", "your book") or answering ("Well,", "Yes",
first person), and the seams between paragraphs give evidence of a new turn
(a question just ended, a reply opener). Viterbi finds the likeliest speakers;
forward/backward scores give a margin per paragraph, so doubtful ones can be
reported instead of silently guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..formats.punctuation import CLOSERS, SENTENCE_MARKS, ends_asking, ends_sentence

INTERVIEWER, GUEST = 0, 1
SWITCH_COST = 1.0  # a new turn needs some evidence
INTERVIEWER_RUN_COST = 2.0  # questions rarely run over several paragraphs
UNLABELLED_SWITCH_COST = 8.0  # when every turn is labelled, an unlabelled paragraph continues
DOUBTFUL_MARGIN = 1.0
MARKED = 4.0  # a paragraph set in bold among plain ones is a question
SHORT_SHARE, SHORT_BONUS = 0.35, 1.5  # a paragraph this short beside the median is likely a question
LONG_PENALTY = 0.5

_YOU_ASKING = re.compile(
    r"\b(?:what you(?:'re| are|’re)? (?:say|saying|implying|suggesting|describ|argu|mean)\w*"
    r"|you(?:'ve|’ve| have|'re|’re| are)? (?:said|say|describe[ds]?|described|wrote|write|argue[ds]?|argued"
    r"|mention(?:ed)?"
    r"|suggest(?:ed)?|present|call(?:ed)?|talk(?:ed)? about|talking about|point(?:ed)? out|imply|implying"
    r"|would tend)"
    r"|your (?:idea|book|work|point|argument|research|view|claim|new|latest|recent|thesis|article|career)"
    r"|(?:can|could|would|do|did|have|are|will|should) you\b|tell (?:us|me)\b|for you,|in your view"
    r"|(?:I've|I’ve|I have) (?:heard|read|seen|been told) (?:that )?you|you(?:'ve|’ve| have) (?:talked|spoken|written)"
    r"|^(?:give|walk|talk|take) (?:us|me)\b)",
    re.IGNORECASE)
_YOU_ANSWERING = re.compile(r"\b(?:as you (?:put it|say|said|know)|you(?:'re|’re| are) (?:also )?right"
                            r"|good question|great question)", re.IGNORECASE)
_HOSTING = re.compile(r"\b(?:welcome (?:to the show|to the podcast|back|aboard)|(?:my|our) guests? (?:today|this week)|"
                      r"this episode|in this episode|thanks? (?:you )?(?:so much )?for (?:joining|coming on))\b",
                      re.IGNORECASE)
_GUESTING = re.compile(r"\b(?:thanks? (?:you )?(?:so much )?for having me|(?:great|good|happy|glad|nice) to be "
                       r"(?:here|on the show|with you))\b", re.IGNORECASE)
_WONDERING = re.compile(r"\bI (?:imagine|wonder|suppose|take it|guess|assume|presume)\b")
_FIRST_SENTENCE = re.compile(rf"^(.+?[{SENTENCE_MARKS}])(?:\s|$)")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me|myself)\b")
_REPLY_OPENER = re.compile(
    r"^(?:well\b|yes\b|yeah\b|no\b|absolutely|exactly|indeed|certainly|sure\b|of course|right\b|definitely"
    r"|not (?:really|at all|quite|exactly)|very much|i (?:think|agree|would|don't|do)\b|thank|good question"
    r"|great question|that(?:'s|’s| is) (?:(?:very|really|a|an|quite|so) )*(?:interesting|true|right|fair"
    r"|good|correct|important|question)|it(?:'s|’s| is) a (?:very |really )?(?:fair|good|great))",
    re.IGNORECASE)
_ASK_OPENER = re.compile(r"^(?:so,? (?:from )?what you|to come back to|let me (?:start|ask|turn|come)"
                         r"|(?:tell|talk|walk|take) (?:me|us) (?:about|through|back)|describe |explain "
                         r"|and (?:the|what|how|why)"
                         r"|let(?:'s|’s) (?:turn|talk|move|look)|finally,|lastly,|my (?:last|final|next) question)",
                         re.IGNORECASE)
_CONTINUE_OPENER = re.compile(r"^(?:and|also|moreover|furthermore|equally|in other words|that said|then)\b",
                              re.IGNORECASE)


def asking_score(paragraph: str) -> float:
    """How much a paragraph sounds like the interviewer (positive) or the guest (negative)."""
    text = paragraph.strip()
    short = len(text.split()) <= 40
    score = 2.0 if ends_asking(text) else (1.2 if "?" in text and short else 0.0)
    if score == 2.0 and _rhetorical(text):
        score = 0.5  # "…the real thing. And who doesn't love a flickering sign?"
    if not ends_sentence(text):
        score += 1.5  # a question that lost its question mark
    score += min(3.0, 1.5 * len(_YOU_ASKING.findall(text)) + 1.0 * len(_WONDERING.findall(text)))
    score -= 1.0 * len(_YOU_ANSWERING.findall(text))
    score += 2.0 * bool(_HOSTING.search(text)) - 3.0 * bool(_GUESTING.search(text))
    score -= min(2.0, 0.3 * len(_FIRST_PERSON.findall(text)))
    return score


def _rhetorical(text: str) -> bool:
    """A question ending an answer: statements in the first person before it, no "you" asked."""
    body = text[:text.rstrip(CLOSERS + "? ").rfind(". ") + 1] if ". " in text else ""
    return bool(body) and len(_FIRST_PERSON.findall(body)) >= 1 and not _YOU_ASKING.search(text)


def length_score(paragraph: str, paragraphs: list[str], previous: str = "") -> float:
    """Questions are short beside the answers around them; a long paragraph is rarely a question.
    Right after a question, a short paragraph is as likely a short answer."""
    lengths = sorted(len(p.split()) for p in paragraphs)
    median = lengths[len(lengths) // 2] if lengths else 0
    words = len(paragraph.split())
    asked = bool(previous) and asking_score(previous) >= 1.5
    if median >= 30 and words <= SHORT_SHARE * median and not asked:
        return SHORT_BONUS
    return -LONG_PENALTY if median and words >= 1.5 * median and words >= 60 else 0.0


def new_turn_score(paragraph: str, previous: str) -> float:
    """Evidence that ``paragraph`` starts a new turn after ``previous``."""
    asked = ends_asking(previous) or not ends_sentence(previous.strip())
    score = 1.5 if asked else 0.0  # a question just ended, with or without its question mark
    text = paragraph.lstrip("\"'“‘*_ ")
    if _REPLY_OPENER.match(text):
        score += 1.5
    elif _ASK_OPENER.match(text):
        score += 1.0
    elif _opens_with_fragment(text):
        score += 1.0
    elif _CONTINUE_OPENER.match(text):
        score -= 0.3
    return score


def _opens_with_fragment(text: str) -> bool:
    """Replies often open with a few words: "Much harder." "They did, at first." """
    match = _FIRST_SENTENCE.match(text)
    return match is not None and len(match.group(1).split()) <= 4


@dataclass
class Attribution:
    speakers: list[int]  # INTERVIEWER or GUEST per paragraph
    margins: list[float]  # how much likelier the chosen speaker is; inf where labelled

    def doubtful(self) -> list[int]:
        return [i for i, m in enumerate(self.margins) if m < DOUBTFUL_MARGIN]


def attribute(paragraphs: list[str], fixed: dict[int, int], every_turn_labelled: bool,
              marked: frozenset[int] | set[int] = frozenset()) -> Attribution:
    """Speakers for all paragraphs; ``fixed`` holds those known from labels, ``marked`` those set
    apart as questions are (in bold)."""
    model = _Model(paragraphs, fixed, every_turn_labelled, marked)
    forward, back = model.forward(), model.backward()
    speakers, margins = [], []
    for i in range(len(paragraphs)):
        totals = [forward[i][s] + back[i][s] for s in (INTERVIEWER, GUEST)]
        best = max((INTERVIEWER, GUEST), key=lambda s: totals[s])
        speakers.append(best)
        margins.append(float("inf") if i in fixed else abs(totals[0] - totals[1]))
    return Attribution(speakers, margins)


class _Model:
    def __init__(self, paragraphs: list[str], fixed: dict[int, int], every_turn_labelled: bool,
                 marked: frozenset[int] | set[int]):
        self.paragraphs, self.fixed, self.strict = paragraphs, fixed, every_turn_labelled
        self.asking = [asking_score(p) + (MARKED if i in marked else 0.0)
                       + length_score(p, paragraphs, paragraphs[i - 1] if i else "")
                       for i, p in enumerate(paragraphs)]

    def emission(self, i: int, state: int) -> float:
        if i in self.fixed:
            return 0.0 if self.fixed[i] == state else float("-inf")
        half = self.asking[i] / 2
        return half if state == INTERVIEWER else -half

    def transition(self, i: int, before: int, after: int) -> float:
        """Score of paragraph i being spoken by ``after`` when i-1 was ``before``."""
        if before == after:
            return -INTERVIEWER_RUN_COST if after == INTERVIEWER and not self.strict else 0.0
        if i in self.fixed:
            return 0.0
        if self.strict:
            return -UNLABELLED_SWITCH_COST
        return new_turn_score(self.paragraphs[i], self.paragraphs[i - 1]) - SWITCH_COST

    def forward(self) -> list[list[float]]:
        """Best score of paragraphs 0..i with paragraph i in each state (emission included)."""
        scores = [[self.emission(0, s) for s in (INTERVIEWER, GUEST)]]
        for i in range(1, len(self.paragraphs)):
            scores.append([self.emission(i, s) + max(scores[-1][p] + self.transition(i, p, s)
                                                     for p in (INTERVIEWER, GUEST))
                           for s in (INTERVIEWER, GUEST)])
        return scores

    def backward(self) -> list[list[float]]:
        """Best score of paragraphs i+1.. given paragraph i in each state."""
        n = len(self.paragraphs)
        scores = [[0.0, 0.0] for _ in range(n)]
        for i in range(n - 2, -1, -1):
            scores[i] = [max(self.transition(i + 1, s, t) + self.emission(i + 1, t) + scores[i + 1][t]
                             for t in (INTERVIEWER, GUEST)) for s in (INTERVIEWER, GUEST)]
        return scores
