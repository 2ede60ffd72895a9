"""A saved web page to an Article: trafilatura drops the boilerplate and reads the metadata.

Questions set apart by a class (``<p class="question">``) are put in bold first, so they
reach the splitter like questions set in ``<strong>``. See ``structured`` for the form.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from ..formats.plaintext import xml_safe
from ..model import Article
from .structured import LINE_BREAK, Part, Run, build_article, join_items, paragraph_runs, render, split_bold_lead

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_QUESTION_CLASS = re.compile(r"(?:^|[\s_-])(?:q|question|interviewer|ask)(?:$|[\s_-])", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
           "head", "list", "item", "quote", "section", "figure"}
_SKIPPED = {"graphic", "img", "figure", "table", "code", "pre", "script", "style", "noscript"}
_BREAKS = {"lb", "br"}
# Characters XML 1.0 forbids, written or as numeric references (&#1; &#xFFFF;): lxml keeps them in
# the tree it parses but refuses them in any text set later (trafilatura, _wrap_in_strong).
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def parse_html(text: str, url: str = "") -> Article:
    """The article in a web page, or an Article without paragraphs if there is none."""
    tree = _parse(text)
    if tree is None:
        return Article()
    _mark_questions(tree)
    hosts, guests = metadata_people(tree)
    _merge_label_elements(tree)
    as_text = page_text(copy.deepcopy(tree))
    found = trafilatura.bare_extraction(
        tree, url=url or None, with_metadata=True, include_formatting=True, include_comments=False,
        include_tables=False, include_images=False, include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    meta = Article(hosts=hosts, guests=guests)
    if isinstance(found, Document):
        meta = Article(title=found.title or "", subtitle=found.description or _standfirst(tree),
                       author=found.author or "", publication=found.sitename or "", hosts=hosts, guests=guests,
                       date=(found.date or "")[:10] if _ISO_DATE.match(found.date or "") else "")
    article = meta
    if isinstance(found, Document) and found.body is not None:
        article = build_article(list(block_parts(found.body)), meta)
    article = _or_as_text(article, as_text)
    article.around = as_text[:AROUND_CHARS]
    return article


def _or_as_text(article: Article, text: str) -> Article:
    """When the extractor kept little of the page's prose (a page with unusual markup), the page
    read as plain text, if that keeps more; its title, date and people from the page's metadata."""
    from .page import parse_page
    kept = _words(article)
    plain = parse_page(text)
    if _words(plain) * EXTRACTED <= kept:
        return article
    for key in ("title", "date", "author", "publication"):
        setattr(plain, key, getattr(article, key) or getattr(plain, key))
    plain.hosts, plain.guests = article.hosts, article.guests
    plain.notes.insert(0, f"read the page as plain text: the article extractor kept {kept} of its "
                          f"{_words(plain)} words of prose")
    return plain


def _words(article: Article) -> int:
    return sum(len(p.split()) for p in article.paragraphs)


EXTRACTED = 0.6  # below this share of what plain reading finds, the extractor missed part of the article
AROUND_CHARS = 3000  # of the page's text, where a site names its people ("The Hon. Rhiannon Teague-Mbatha MP")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "li", "ul", "ol",
               "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "figure", "figcaption", "h1", "h2", "h3",
               "h4", "h5", "h6", "hr", "center", "body"}


def page_text(tree: lxml.html.HtmlElement) -> str:
    """The page's visible text, a blank line between blocks, a line per ``<br>``, the H1 as ``# title``."""
    for junk in tree.xpath("//script | //style | //noscript | //template | //svg | //head"):
        junk.drop_tree()
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCK_TAGS:
            element.text = ("\n\n# " if tag == "h1" else "\n\n") + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return tree.text_content()


_STANDFIRST = re.compile(r"(?:^|[\s_-])(?:standfirst|dek|deck|lede|subtitle|subhead|summary|intro|excerpt|"
                         r"description|teaser|strapline)(?:$|[\s_-])", re.IGNORECASE)


def _standfirst(tree: lxml.html.HtmlElement) -> str:
    """The paragraph a page marks as its standfirst (``class="standfirst"``, "dek", "lede")."""
    for element in tree.xpath("//body//*[@class]"):
        text = " ".join(element.text_content().split())
        if _STANDFIRST.search(element.get("class", "")) and 8 <= len(text.split()) <= 80:
            return text
    return ""


_HOST_KEYS = re.compile(r"^(?:interviewers?|interviewed by|hosts?|hosted by|moderators?|presenters?)$", re.IGNORECASE)
_GUEST_KEYS = re.compile(r"^(?:interviewees?|narrators?|guests?|speakers?|subjects?)$", re.IGNORECASE)


def metadata_people(tree: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    """People named in a catalogue record: ``<th>Interviewer</th><td>Name</td>``, ``<dt>``/``<dd>``."""
    hosts: list[str] = []
    guests: list[str] = []
    for key_cell in tree.xpath("//tr/th[1] | //tr/td[1] | //dt"):
        value_cell = key_cell.getnext()
        if value_cell is None or value_cell.tag not in ("td", "dd"):
            continue
        key = " ".join(key_cell.text_content().split()).rstrip(":")
        value = " ".join(value_cell.text_content().split())
        if not value or len(value.split()) > 6:
            continue
        target = hosts if _HOST_KEYS.match(key) else guests if _GUEST_KEYS.match(key) else None
        if target is not None and value not in target:
            target.append(value)
    return hosts, guests


_TIME_ONLY = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*$")


def _merge_label_elements(tree: lxml.html.HtmlElement) -> None:
    """``<cite>Olu:</cite><time>0:14</time><p>…</p>``: the label joins its paragraph as ``<b>Olu:</b>``."""
    for element in tree.xpath("//cite | //dt | //div | //span | //h4 | //h5 | //h6 | //strong | //b"):
        text = " ".join(element.text_content().split())
        if not (0 < len(text) <= 40 and text.endswith(":")) or len(element) > 1:
            continue
        target = element.getnext()
        while target is not None and _TIME_ONLY.match(target.text_content() or "") and target.tag != "p":
            target = target.getnext()
        if target is None or target.tag not in ("p", "dd") or element.getparent() is None:
            continue
        label = lxml.html.Element("b")
        label.text, label.tail = text, " " + (target.text or "")
        target.text = None
        target.insert(0, label)
        _drop_between(element, target)


def _drop_between(first: lxml.html.HtmlElement, target: lxml.html.HtmlElement) -> None:
    parent = first.getparent()
    node = first
    while node is not None and node is not target:
        following = node.getnext()
        tail = node.tail
        parent.remove(node)
        if tail and tail.strip():
            previous = target.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        node = following


def fragment_parts(html: str) -> list[Part]:
    """Parts of an HTML fragment (a block of HTML inside Markdown)."""
    try:
        fragment = lxml.html.fragment_fromstring(parseable(html), create_parent="div")
    except etree.ParserError:
        return []
    except AssertionError:  # lxml asserts a fragment has one <body>; a broken block may have two
        document = _parse(html)
        bodies = document.findall("body") if document is not None else []
        return [part for body in bodies for part in block_parts(body)]
    return list(block_parts(fragment))


def _parse(text: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(parseable(_XML_DECLARATION.sub("", text)))
    except etree.ParserError:  # nothing but blank space or comments
        return None


def parseable(text: str) -> str:
    """``text`` without characters XML cannot hold, nor references to them."""
    return xml_safe(_REFERENCE.sub(_drop_bad_reference, text))


def _drop_bad_reference(match: re.Match) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    windows_1252 = 0x80 <= code <= 0x9F  # &#133; is "…" to every browser, and to lxml's parser
    return match.group() if code <= 0x10FFFF and (windows_1252 or xml_safe(chr(code)) == chr(code)) else ""


def _mark_questions(tree: lxml.html.HtmlElement) -> None:
    """Wrap the text of elements classed as questions in <strong>."""
    for element in tree.xpath("//*[@class]"):
        if isinstance(element.tag, str) and _QUESTION_CLASS.search(element.get("class", "")):
            for target in element.xpath(".//p") or [element]:
                _wrap_in_strong(target)


def _wrap_in_strong(element: lxml.html.HtmlElement) -> None:
    strong = lxml.html.Element("strong")
    strong.text, element.text = element.text, None
    for child in list(element):
        strong.append(child)  # moves the child with its tail
    element.append(strong)


def block_parts(element: etree._Element) -> Iterator[Part]:
    """Paragraphs, headings and lists under ``element`` in reading order."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "figure":
            yield from _caption(child)
        elif not tag or tag in _SKIPPED:
            continue
        elif tag in ("list", "ul", "ol"):
            yield Part(join_items([render(list(_runs(item)))[0] for item in child
                                   if item.tag in ("item", "li")]))
        elif tag not in ("p", "item", "li") and any(c.tag in _BLOCKS for c in child):
            yield from block_parts(child)
        else:
            for paragraph in paragraph_runs(list(_runs(child))):
                for runs in split_bold_lead(paragraph):
                    text, italic = render(runs)
                    yield Part(text, level=_heading_level(child), italic=italic)


def _caption(figure: etree._Element) -> Iterator[Part]:
    """A figure's caption, said by the narrator; the image itself is not read."""
    for caption in figure.iter("figcaption"):
        text = render(list(_runs(caption)))[0].strip()
        if text:
            yield Part(text, caption=True)


def _heading_level(element: etree._Element) -> int:
    tag = element.tag if element.tag != "head" else element.get("rend", "h2")
    return int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0


def _runs(element: etree._Element, bold: bool = False, italic: bool = False) -> Iterator[Run]:
    """The inline text of an element, bold and italics noted (HTML or trafilatura's XML)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or tag in _SKIPPED:
        return
    rend = element.get("rend", "")
    bold = bold or tag in ("b", "strong") or (tag == "hi" and "#b" in rend)
    italic = italic or tag in ("i", "em") or (tag == "hi" and "#i" in rend)
    if tag in _BREAKS:
        yield Run(LINE_BREAK)
    yield Run(element.text or "", bold, italic)
    for child in element:
        yield from _runs(child, bold, italic)
        yield Run(child.tail or "", bold, italic)
