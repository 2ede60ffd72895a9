"""The seed interview (../shared/seeds) rewritten in every label style a publisher uses.

The seed labels only its first two turns. Its header, body and footer are kept as they are;
only the interview's paragraphs are relabelled, so each variant is the same conversation as
another site would publish it: every turn labelled, initials, Q/A, no labels at all,
timestamps, Markdown with bold labels, a cp1252 file with CRLF line ends, and a saved HTML
page with the questions in bold. Nothing of the seed is stored in the repository: the
variants are made from ../shared at run time (``write_variants``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_ab5be3c1c8b9012e.txt"
SEED_ROLES = "IGGGIGGGIGGGGGIGGGGIGGIGIGGIG"  # I(nterviewer)/G(uest) per interview paragraph, by hand
HOST, GUEST = "Robin Wilson", "Ash Amin"
FIRST_LABELS = re.compile(rf"^(?:{HOST}|{GUEST}): ")


def seed_parts() -> tuple[list[str], list[str], list[str]]:
    """The seed's blocks before the interview, its 29 interview paragraphs (labels off), and after."""
    blocks = re.split(r"\n\s*\n", SEED.read_text(encoding="utf-8").strip())
    start = next(i for i, b in enumerate(blocks) if b.startswith(f"{HOST}: "))
    body = [FIRST_LABELS.sub("", b) for b in blocks[start:start + len(SEED_ROLES)]]
    return blocks[:start], body, blocks[start + len(SEED_ROLES):]


def _turn_starts() -> list[bool]:
    return [i == 0 or SEED_ROLES[i] != SEED_ROLES[i - 1] for i in range(len(SEED_ROLES))]


def _labelled(body: list[str], label) -> list[str]:
    """``label(role, number)`` before the first paragraph of each turn."""
    out, number = [], 0
    for text, role, starts in zip(body, SEED_ROLES, _turn_starts()):
        number += starts
        out.append(f"{label(role, number)}{text}" if starts else text)
    return out


def _text(head: list[str], body: list[str], tail: list[str]) -> str:
    return "\n\n".join(head + body + tail) + "\n"


def variants() -> dict[str, bytes]:
    """File name -> contents, one per label style."""
    head, body, tail = seed_parts()
    name = {"I": HOST, "G": GUEST}
    styles = {
        "all_labelled.txt": lambda r, n: f"{name[r]}: ",
        "initials.txt": lambda r, n: "RW: " if r == "I" else "AA: ",
        "q_and_a.txt": lambda r, n: "Q: " if r == "I" else "A: ",
        "timestamps.txt": lambda r, n: f"[00:{n:02d}:{(n * 17) % 60:02d}] {name[r]}: ",
    }
    made = {file: _text(head, _labelled(body, label), tail).encode("utf-8") for file, label in styles.items()}
    made["no_labels.txt"] = _text(head, body, tail).encode("utf-8")
    made["bold_labels.md"] = _markdown(head, body).encode("utf-8")
    original = _text(head, _labelled(body, lambda r, n: f"{name[r]}: " if n <= 2 else ""), tail)
    made["cp1252_crlf.txt"] = original.replace("\n", "\r\n").encode("cp1252", "replace")
    made["bold_questions.html"] = _html(head, body, tail).encode("utf-8")
    return made


def _markdown(head: list[str], body: list[str]) -> str:
    title, standfirst = head[2], head[4]
    lines = ["---", f'title: "{title}"', f"author: {GUEST}", "date: 2023-04-17", "---", "", f"# {title}", "",
             f"*{standfirst}*", ""]
    labelled = _labelled(body, lambda r, n: f"**{HOST if r == 'I' else GUEST}:** ")
    return "\n".join(lines + [p + "\n" for p in labelled])


def _html(head: list[str], body: list[str], tail: list[str]) -> str:
    title, standfirst = html.escape(head[2]), html.escape(head[4])
    paragraphs = "\n".join(f"<p><strong>{html.escape(t)}</strong></p>" if r == "I" else f"<p>{html.escape(t)}</p>"
                           for t, r in zip(body, SEED_ROLES))
    links = "".join(f"<li><a href='#'>{html.escape(b.strip(' •'))}</a></li>" for b in head[1].split("\n"))
    footer = "".join(f"<p>{html.escape(b)}</p>" for b in tail[-6:])
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta name='description' content='{standfirst}'></head><body><header><nav><ul>{links}</ul></nav>"
            f"</header><main><article><h1>{title}</h1><p class='standfirst'>{standfirst}</p>"
            f"<p class='byline'>By {html.escape(GUEST)}, 17 April 2023</p>\n{paragraphs}\n</article></main>"
            f"<footer>{footer}</footer></body></html>\n")


def write_variants(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in variants().items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def roles_of(script) -> str:
    """I/G for each paragraph the interviewer or the guest says, in order."""
    return "".join("I" if turn.role == "interviewer" else "G"
                   for turn in script.turns if turn.role != "narrator" for _ in turn.paragraphs)
