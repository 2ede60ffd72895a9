"""Text that goes into the feed and the pages: nothing XML or HTML forbids, nothing that reorders it.

Removed: control characters but tab, newline and return (XML 1.0 cannot hold them; HTML calls
them errors), DEL and the C1 controls, lone surrogates, noncharacters, and the bidi embedding,
override and isolate controls, which can make a title read differently from what it holds.
"""

from __future__ import annotations

import re

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF)
                                            for plane in range(17))
_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069{_NONCHARACTERS}]")


def clean(text: object) -> str:
    """``text`` as a string without the characters above."""
    return _UNSAFE.sub("", str(text))
