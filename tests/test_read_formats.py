"""Input readers: encodings, Markdown, saved web pages and URLs served by a real local server."""

from __future__ import annotations

import codecs
import json
import socket
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import in_background, podcaster

from podcaster.errors import InputError
from podcaster.formats.decode import decode
from podcaster.read import parse_html, parse_markdown, read_article, read_text, web
from podcaster.split import split

INPUTS = Path(__file__).parent / "inputs"
ORCHARD, LIGHTHOUSE, FERRY = INPUTS / "orchard.html", INPUTS / "lighthouse.html", INPUTS / "ferry.md"
NAV_ONLY = INPUTS / "nav-only.html"
ORCHARD_TITLE = "Apples for everyone: the orchard that belongs to a street"

LEGACY_TEXT = """Zoë’s café on the quay

By Ana Ruiz, 5 May 2021

Ana Ruiz: When did the café open, Zoë?

Zoë Brandt: In 1987. “A café for the boats,” my father called it — coffee cost €1 then, and the façade was painted blue.

Ana Ruiz: And the name?

Zoë Brandt: Naïve, perhaps. But people remember it, and that’s what a name is for.
"""


# --- a real web server on 127.0.0.1 -------------------------------------------------------------

@contextmanager
def serving(routes: dict[str, tuple]):
    """Serve ``routes`` (path -> (status, headers, body bytes or a callable)) on 127.0.0.1."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"gone"))
            body = body() if callable(body) else body
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with in_background(server) as port:
        yield f"http://127.0.0.1:{port}"


def free_port() -> int:
    """A port on 127.0.0.1 with nothing listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def html_page(body: str, charset: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}<title>Zoë’s café on the quay</title></head>" \
           f"<body><article><h1>Zoë’s café on the quay</h1>{body}</article></body></html>"


LEGACY_BODY = "".join(f"<p>{line}</p>" for line in LEGACY_TEXT.split("\n\n")[2:])
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture(scope="module")
def site():
    routes = {
        "/orchard": (200, HTML, ORCHARD.read_bytes()),
        "/moved": (301, {"Location": "/orchard"}, b""),
        "/legacy": (200, {"Content-Type": "text/html; charset=windows-1252"},
                    html_page(LEGACY_BODY).encode("cp1252")),
        "/meta-charset": (200, {"Content-Type": "text/html"},
                          html_page(LEGACY_BODY, "iso-8859-1").encode("cp1252")),
        "/ferry.md": (200, {"Content-Type": "text/markdown; charset=utf-8"}, FERRY.read_bytes()),
        "/cover.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(100)),
        "/nav-only": (200, HTML, NAV_ONLY.read_bytes()),
        "/slow": (200, HTML, lambda: time.sleep(3) or ORCHARD.read_bytes()),
        "/huge": (200, HTML, b"<p>" + b"word " * 3000 + b"</p>"),
    }
    with serving(routes) as base:
        yield base


# --- encodings ----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_file_in_each_encoding_reads_the_same(tmp_path, encoding):
    path = tmp_path / "cafe.txt"
    path.write_bytes(LEGACY_TEXT.encode(encoding))  # "utf-16" writes a BOM
    assert read_text(path) == LEGACY_TEXT
    article = read_article(path)
    assert article.title == "Zoë’s café on the quay"
    assert "“A café for the boats,” my father called it — coffee cost €1" in article.paragraphs[1]


def test_latin1_file_is_detected(tmp_path):
    text = "Señor Núñez à Zürich: «la façade est jolie», dit-il. Ångström, Øresund, Æsir, 50 £.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    assert read_text(path) == text


@pytest.mark.parametrize("text", ["It’s", "Price: €12 – cheap",
                                  "“Yes,” she said… it was ½ price, ©2024."])
def test_short_cp1252_snippets_are_not_mojibake(text):
    assert decode(text.encode("cp1252"), "x") == text


def test_utf8_is_never_read_as_cp1252():
    text = "café Ã© naïve — “quoted” €"  # UTF-8 whose bytes would also decode as cp1252
    assert decode(text.encode("utf-8"), "x") == text


def test_cyrillic_legacy_text_is_not_forced_into_cp1252():
    text = "Это интервью о гавани и людях, которые там работают каждый день."
    assert decode(text.encode("cp1251"), "x") == text


def test_declared_charset_is_used_when_utf8_fails():
    text = "Zażółć gęślą jaźń, powiedział burmistrz."
    assert decode(text.encode("cp1250"), "x", declared="windows-1250") == text


def test_binary_is_refused(tmp_path):
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        read_article(path)


# --- Markdown -----------------------------------------------------------------------------------

@pytest.mark.parametrize("head", [
    "Lighthouses\n\nBy Ann Cole\n\n",
    "LIGHTHOUSES\n\nby Ann Cole | 12 May 2022\n\n",
    "Lighthouses\n\nAnn Cole meets the keeper who has spent thirty winters on a rock in the sea.\n\n",
])
def test_one_word_title_is_the_title_not_the_site(tmp_path, head):
    path = tmp_path / "keeper.txt"
    path.write_text(head + "Ann Cole: Why lighthouses?\n\nTom Reyes: Because they stand still while "
                    "everything else moves.\n\nAnn Cole: Which was hardest?\n\nTom Reyes: The one on the "
                    "rock, with no road to it.\n", encoding="utf-8")
    article = read_article(path)
    assert article.title.lower() == "lighthouses" and article.publication == ""


def test_one_word_site_name_above_a_title_stays_the_site(tmp_path):
    path = tmp_path / "keeper.txt"
    path.write_text("Lighthouses\n\nThirty winters on the rock\n\nBy Ann Cole\n\nAnn Cole: Why "
                    "lighthouses?\n\nTom Reyes: Because they stand still while everything else moves.\n",
                    encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.publication) == ("Thirty winters on the rock", "Lighthouses")


def test_markdown_metadata_from_front_matter_and_header():
    article = read_article(FERRY)
    assert article.title == "The last crossing: a night ferry captain signs off"
    assert (article.date, article.author, article.publication) == \
        ("2023-11-02", "Priya Nandakumar", "Coastline Quarterly")
    assert article.subtitle.startswith("After thirty years on the overnight route")
    assert article.source == str(FERRY)


def test_markdown_keeps_bold_labels_and_bold_questions():
    paragraphs = read_article(FERRY).paragraphs
    assert paragraphs[0].startswith("**Priya Nandakumar:** Rolf, you have made")  # nothing lost at the top
    assert paragraphs[1].startswith("**Rolf Bergstrand:** Every minute of it. It was January, "
                                    "the sea was grey and")  # hard-wrapped lines joined
    assert paragraphs[2] == "**What does a night crossing look like from the bridge?**"
    assert "**Which night do you remember most?**" in paragraphs


def test_markdown_lists_links_images_code_and_html():
    article = read_article(FERRY)
    text = "\n".join(article.paragraphs)
    assert ("the car deck, where the lorries have to be chained down properly; the engine room, "
            "which never sleeps; and the bridge, where two of us watch the dark for eight hours.") in text
    assert "A storm in October 2009. We stayed" in text  # link text kept, address dropped
    for dropped in ("example.org", "ferry.jpg", "leaving port", "57.7N", "photo desk", "*", "By Priya"):
        assert dropped not in text.replace("**", "")
    assert "Posted" not in text and "After thirty years" not in text  # standfirst is metadata


def test_markdown_reference_links_read_as_their_text_when_definitions_were_not_copied():
    article = parse_markdown(
        "# Tools of the trade\n\n**What do you write with?**\n\n"
        "Mostly [a fountain pen][pen] and [Scrivener][], backed up to [the cloud][cloud].\n\n"
        "[cloud]: https://example.org/cloud\n")
    text = "\n".join(article.paragraphs)
    assert "Mostly a fountain pen and Scrivener, backed up to the cloud." in text
    assert "[" not in text and "example.org" not in text


def test_markdown_marks_captions_under_images_and_paragraphs_after_a_break():
    long_answer = "It took " + "a very long time to get right, " * 8 + "and we are still learning."
    article = parse_markdown(
        "# Kilns\n\n**Q:** Where do you fire?\n\n![The kiln](kiln.jpg)\n\nThe wood kiln behind the studio.\n\n"
        f"**A:** Out the back.\n\n![Shelves](shelf.jpg)\n\n{long_answer}\n\n* * *\n\nMy thanks to Ana for the tour.\n")
    assert [article.paragraphs[i] for i in sorted(article.captions)] == ["The wood kiln behind the studio."]
    assert [article.paragraphs[i] for i in sorted(article.breaks)] == ["My thanks to Ana for the tour."]


def test_a_figure_caption_in_html_is_kept_for_the_narrator():
    article = parse_markdown(
        "# Kilns\n\n**Q:** Where do you fire?\n\n**A:** Out the back, in the old wood kiln.\n\n"
        '<div class="image"><figure><img src="kiln.jpg"><figcaption>Above: the kiln at dusk.</figcaption>'
        "</figure></div>\n\n**Q:** How long does a firing take?\n\n**A:** Three days, with the cooling.\n")
    [caption] = article.captions
    assert article.paragraphs[caption] == "Above: the kiln at dusk."
    script = split(article)
    [turn] = [t for t in script.turns if "kiln at dusk" in t.text]
    assert turn.role == "narrator"


def test_markdown_headings_and_endnotes():
    article = read_article(FERRY)
    [(index, heading)] = article.headings.items()
    assert heading == "Weather"
    assert article.paragraphs[index] == "**Which night do you remember most?**"
    assert article.endnotes == [
        "This interview was edited for length and clarity.",
        "Priya Nandakumar is a reporter at Coastline Quarterly who writes about shipping and "
        "the people who work at sea."]
    assert article.paragraphs[-1].startswith("**Rolf Bergstrand:** The moment just before dawn")


def test_markdown_bold_question_line_then_answer_is_two_paragraphs():
    article = parse_markdown("# Tides\n\nA talk about the sea and the people who live by it, in their words.\n\n"
                             "**Why do tides\nmatter to you?**\n\n**Tell me about the boats.**\n"
                             "Everything here moves with them.\n\n**Ines**:\nShort answer here.\n")
    assert article.paragraphs[1:] == ["**Why do tides matter to you?**", "**Tell me about the boats.**",
                                      "Everything here moves with them.", "**Ines:** Short answer here."]


def test_labelled_last_answer_stays_and_bold_editors_note_moves_to_endnotes():
    article = parse_markdown("# T\n\n**Priya:** Was it hard to leave the ship after so many years?\n\n"
                             "**Rolf:** We were supported by the crew all along, and that made it easy.\n\n"
                             "**Editor's note:** This conversation was condensed.\n")
    assert article.paragraphs[-1].startswith("**Rolf:** We were supported by the crew")
    assert article.endnotes == ["Editor's note: This conversation was condensed."]


def test_markdown_is_sniffed_without_a_suffix(tmp_path):
    path = tmp_path / "ferry-interview"
    path.write_bytes(FERRY.read_bytes())
    assert read_article(path).paragraphs == read_article(FERRY).paragraphs


def test_markdown_with_only_headings_is_refused(tmp_path):
    path = tmp_path / "outline.md"
    path.write_text("# An interview\n\n## Part one\n\n## Part two\n\n![photo](x.jpg)\n")
    with pytest.raises(InputError, match="no article text found"):
        read_article(path)


# --- saved web pages ----------------------------------------------------------------------------

def test_html_windows_1252_references_read_as_browsers_read_them():
    """Old pages write "…" as &#133; and "–" as &#150; (Windows-1252 codes): never dropped, never glued."""
    article = parse_html("<html><body><article><h1>Kept</h1><p>I was an undergraduate&#133;a bit later, "
                         "in 1975 &#150; 76, and&#1; then&#xFFFF; not.</p><p>A second paragraph of words.</p>"
                         "</article></body></html>")
    assert article.paragraphs[0] == "I was an undergraduate…a bit later, in 1975 – 76, and then not."


def test_html_metadata():
    article = read_article(ORCHARD)
    assert article.title == ORCHARD_TITLE
    assert article.subtitle == ("Orchard keeper Ines Marlow tells Daniel Achebe how forty neighbours "
                                "turned a car park into a fruit garden.")
    assert (article.date, article.author, article.publication) == \
        ("2024-09-14", "Daniel Achebe", "Greenway Weekly")


def test_html_body_keeps_bold_and_drops_boilerplate():
    article = read_article(ORCHARD)
    assert article.paragraphs[0] == ("**Ines, the orchard sits where a car park used to be. "
                                     "Whose idea was it to dig it up?**")
    assert article.paragraphs[1].startswith("Nobody's, really, and everybody's.")
    assert "**Daniel Achebe:** Has anyone ever taken too much?" in article.paragraphs
    assert article.paragraphs[-1].startswith("**Ines Marlow:** Once, a man filled his car boot.")
    text = "\n".join(article.paragraphs)
    for junk in ("Subscribe", "Most read", "balcony", "Privacy", "All rights", "Photo", "By Daniel"):
        assert junk not in text
    assert article.headings == {5: "Sharing the harvest"}
    assert article.paragraphs[5] == "**Who gets the apples?**"


def test_html_editorial_note_and_bio_go_to_endnotes():
    assert read_article(ORCHARD).endnotes == [
        "This interview has been edited for length and clarity.",
        "Daniel Achebe is a writer at Greenway Weekly who covers community gardens and city planning."]


def test_html_questions_set_apart_by_class_or_heading_become_bold():
    article = read_article(LIGHTHOUSE)
    assert article.title == "Keeping the light: a conversation with Mairi Campbell"
    assert (article.date, article.publication) == ("2022-06-21", "The Headland Post")
    paragraphs = article.paragraphs
    assert paragraphs[0].startswith("For twenty-two years Mairi Campbell kept the lighthouse")
    assert paragraphs[1] == "**What did a normal day on the rock look like?**"  # <p class="question">
    assert paragraphs[3] == "**Were you ever frightened out there?**"  # <h3> ending in "?"
    assert paragraphs[5] == "**Tom Ellery:** Do you miss it?"  # <strong>Name: </strong>
    assert paragraphs[6].startswith("**Mairi Campbell:** Every single day.")  # <strong>Name</strong>:
    assert paragraphs[7] == "**And what would you tell someone who wants to do it now?**"  # <b>
    assert len(paragraphs) == 9
    assert not article.headings
    for junk in ("Share this", "Categories", "volunteers", "Log in", "Archive"):
        assert junk not in "\n".join(paragraphs)


def test_html_bold_question_then_line_break_then_answer():
    article = parse_html("<html><body><article><h1>Tides</h1><p>A talk about the sea and the people who "
                         "live by it, in their own words.</p><p><b>Why do tides matter?</b><br>Everything "
                         "here moves with them.</p><p><strong>Ines:</strong><br>Short answer.</p>"
                         "<p>Line one<br>and <em>line</em> <b>two</b>.</p></article></body></html>")
    # a line break is kept: a label alone on its line gives its speaker to the line after it
    assert article.paragraphs[1:] == ["**Why do tides matter?**", "Everything here moves with them.",
                                      "**Ines:**\nShort answer.", "Line one\nand line **two**."]


def test_html_is_sniffed_and_meta_charset_honoured(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_bytes(html_page(LEGACY_BODY, "windows-1252").encode("cp1252"))
    article = read_article(path)
    assert article.title == "Zoë’s café on the quay"
    assert "“A café for the boats,” my father called it — coffee cost €1" in article.paragraphs[1]


def test_html_with_only_navigation_is_refused():
    with pytest.raises(InputError, match="no article text found"):
        read_article(NAV_ONLY)


# --- URLs ---------------------------------------------------------------------------------------

def test_url_reads_like_the_saved_page(site):
    url = f"{site}/orchard"
    article = read_article(url)
    saved = read_article(ORCHARD)
    assert article.source == url
    assert (article.title, article.paragraphs, article.endnotes) == \
        (saved.title, saved.paragraphs, saved.endnotes)


def test_url_redirect_is_followed(site):
    article = read_article(f"{site}/moved")
    assert article.title == ORCHARD_TITLE and article.source == f"{site}/moved"


@pytest.mark.parametrize("path", ["/legacy", "/meta-charset"])
def test_url_decoded_by_declared_charset(site, path):
    article = read_article(site + path)
    assert "“A café for the boats,” my father called it — coffee cost €1" in article.paragraphs[1]


def test_url_markdown_by_content_type(site):
    assert read_article(f"{site}/ferry.md").paragraphs == read_article(FERRY).paragraphs


@pytest.mark.parametrize("path, words", [
    ("/missing", ["could not fetch (HTTP 404 Not Found); check the address"]),
    ("/cover.png", ["not a web page (image/png)"]),
    ("/nav-only", ["no article text found"]),
], ids=["404", "not-text", "only-navigation"])
def test_url_refusals_name_the_url_and_reason(site, path, words):
    with pytest.raises(InputError) as refused:
        read_article(site + path)
    message = str(refused.value)
    assert message.startswith(f"{site}{path}: ") and "\n" not in message
    for word in words:
        assert word in message


def test_url_refused_connection():
    url = f"http://127.0.0.1:{free_port()}/article"
    reason = r"could not fetch \(connection refused\); check the address"
    with pytest.raises(InputError, match=rf"^{url}: {reason}$"):
        read_article(url)


def test_url_timeout_and_size_limit(site, monkeypatch):
    monkeypatch.setattr(web, "TIMEOUT", 0.5)
    with pytest.raises(InputError, match=r"could not fetch \(no complete answer within 0.5 s\)"):
        read_article(f"{site}/slow")
    monkeypatch.setattr(web, "MAX_BYTES", 10_000)
    with pytest.raises(InputError, match="larger than"):
        read_article(f"{site}/huge")


@pytest.mark.slow
def test_cli_script_from_url(site, tmp_path):
    done = podcaster("script", f"{site}/orchard", cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    script = json.loads(done.stdout)
    assert script["title"] == ORCHARD_TITLE
    spoken = "\n".join(turn["text"] for turn in script["turns"])
    assert "Whoever picks them." in spoken and "Most read" not in spoken


def test_utf16_bom_is_used(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(codecs.BOM_UTF16_LE + html_page(LEGACY_BODY).encode("utf-16-le"))
    assert read_article(path).title == "Zoë’s café on the quay"


def test_paragraphs_ending_in_emoji_or_chinese_full_stops_are_prose():
    from podcaster.read.page import parse_page
    article = parse_page("The harbour at dawn\n\nThe boats go out before the light, and the gulls follow them "
                         "all the way to the breakwater. 🌅\n\n港口在黎明时分醒来，渔船一艘接一艘地驶向大海。\n\n"
                         "By noon the quay is empty again, and the cafés fill with people who were up early. ☕\n")
    assert article.title == "The harbour at dawn"
    assert len(article.paragraphs) == 3 and article.paragraphs[1].startswith("港口")
