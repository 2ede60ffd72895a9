"""How a written sentence ends: its marks, and the closing quotes and brackets after them.

Every rule that asks whether a sentence ends here (the reader's test for prose, the splitter's
test for a question, where transcripts and the plan cut long text) builds its pattern from these.
Each string is a regex character class's content as it stands (no ``]``, ``-``, ``^`` or ``\\``).
"""

from __future__ import annotations

import re

SENTENCE_MARKS = ".?!…。！？"  # full stop, question and exclamation marks, ellipsis; and as CJK writes them
CLOSERS = "\"'”’)」』"  # what may close after the mark: …the tide.” …(as she said.)
CLAUSE_MARKS = ",;:—–"  # where a long sentence may be cut
# the end of a sentence, also before Markdown emphasis or a closing square bracket: …it was.*
ENDS_SENTENCE = re.compile(rf"[{SENTENCE_MARKS}][{CLOSERS}\]*_]*$")


def ends_sentence(text: str) -> bool:
    return bool(ENDS_SENTENCE.search(text))


def ends_asking(text: str) -> bool:
    """Ends with a question mark, perhaps inside quotes or brackets."""
    return text.rstrip(CLOSERS).endswith(("?", "？"))
