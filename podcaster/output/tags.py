"""ID3v2.3 tags and chapters (CHAP + CTOC) for the finished MP3.

Tagging works on a copy beside the file and renames it over the original, so a
failure never leaves a half-tagged episode.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TPE1,
    CTOCFlags,
    Encoding,
    Frame,
    ID3NoHeaderError,
    PictureType,
)
from mutagen.id3._tags import save_frame  # private, but the one way to serialise a frame

from ..errors import InputError, OutputError
from ..formats.files import atomic_path
from ..formats.plaintext import one_line
from ..formats.timecode import millis
from ..model import Chapter

ARTIST_SEPARATOR = "/"  # how mutagen joins multiple values in ID3v2.3
OWN_FRAMES = ("TIT2", "TPE1", "TALB", "TDRC", "TYER", "TDAT", "TIME", "COMM", "TCON", "APIC", "CHAP", "CTOC")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
UNSET = 0xFFFFFFFF  # CHAP byte offsets: "not given"


@dataclass
class EpisodeTags:
    title: str
    artists: list[str]
    album: str
    date: str  # ISO YYYY-MM-DD or ""
    comment: str = ""
    genre: str = "Podcast"
    cover: bytes | None = field(default=None, repr=False)  # JPEG


def write_tags(mp3: Path, tags: EpisodeTags, chapters: list[Chapter]) -> None:
    """Replace our frames in ``mp3`` with ``tags`` and ``chapters`` (in start order, as the
    timeline makes them); save as ID3v2.3."""
    mp3 = Path(mp3)
    if tags.date and not DATE.match(tags.date):
        raise InputError(f"episode date {tags.date!r} is not YYYY-MM-DD")
    try:
        with atomic_path(mp3, suffix=".mp3") as tmp:
            shutil.copy(mp3, tmp)
            id3 = _load(tmp)
            for key in OWN_FRAMES:
                id3.delall(key)
            for frame in _frames(tags) + _chapter_frames(chapters):
                id3.add(frame)
            id3.update_to_v23()  # TDRC -> TYER + TDAT, drops v2.4-only frames
            id3.save(tmp, v2_version=3, v23_sep=ARTIST_SEPARATOR)
    except (OSError, MutagenError) as error:
        raise OutputError(f"cannot tag {mp3}: {error}") from error


def read_chapters(mp3: Path) -> list[Chapter]:
    """The CHAP frames of ``mp3`` as chapters, in the order the file holds them."""
    return [Chapter(_subtitle(f), f.start_time / 1000, f.end_time / 1000) for f in _load(Path(mp3)).getall("CHAP")]


def read_tags(mp3: Path) -> EpisodeTags:
    """The episode metadata as written by :func:`write_tags`."""
    id3 = _load(Path(mp3))
    comments = id3.getall("COMM")
    pictures = id3.getall("APIC")
    return EpisodeTags(
        title=_text(id3, "TIT2"),
        artists=[a for a in _text(id3, "TPE1", ARTIST_SEPARATOR).split(ARTIST_SEPARATOR) if a],
        album=_text(id3, "TALB"),
        date=str(id3["TDRC"].text[0]) if "TDRC" in id3 else "",
        comment=str(comments[0].text[0]) if comments and comments[0].text else "",
        genre=_text(id3, "TCON"),
        cover=pictures[0].data if pictures else None,
    )


class _ChronologicalID3(ID3):
    """ID3 that writes CHAP frames last, in the order they were added: the chapters' order.

    mutagen orders frames by size; simple readers (ffmpeg among them) list
    chapters in file order, so we keep them in time order ourselves.
    """

    def _write(self, config):
        chapters = self.getall("CHAP")
        self.delall("CHAP")
        try:
            data = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in chapters)


def _load(path: Path) -> ID3:
    try:
        return _ChronologicalID3(path)
    except ID3NoHeaderError:
        return _ChronologicalID3()


def _frames(tags: EpisodeTags) -> list:
    """Text frames hold one clean line each: a NUL would end the value there for every reader."""
    utf8 = Encoding.UTF8  # mutagen re-encodes as UTF-16 when saving v2.3
    frames: list[Frame] = [TIT2(encoding=utf8, text=[one_line(tags.title)]),
              TALB(encoding=utf8, text=[one_line(tags.album)])]
    artists = [one_line(artist) for artist in tags.artists if one_line(artist)]
    if artists:
        frames.append(TPE1(encoding=utf8, text=artists))
    if tags.date:
        frames.append(TDRC(encoding=utf8, text=[tags.date]))
    if one_line(tags.comment):
        frames.append(COMM(encoding=utf8, lang="eng", desc="", text=[one_line(tags.comment)]))
    if tags.genre:
        frames.append(TCON(encoding=utf8, text=[tags.genre]))
    if tags.cover:
        frames.append(APIC(encoding=utf8, mime="image/jpeg", type=PictureType.COVER_FRONT,
                           desc="Cover", data=tags.cover))
    return frames


def _chapter_frames(chapters: list[Chapter]) -> list:
    if not chapters:
        return []
    ids = [f"chp{index}" for index in range(len(chapters))]
    frames: list[Frame] = [
        CHAP(element_id=element_id, start_time=millis(c.start), end_time=millis(c.end),
             start_offset=UNSET, end_offset=UNSET,
             sub_frames=[TIT2(encoding=Encoding.UTF8, text=[one_line(c.title)])])
        for element_id, c in zip(ids, chapters)
    ]
    frames.append(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                       child_element_ids=ids, sub_frames=[TIT2(encoding=Encoding.UTF8, text=["Chapters"])]))
    return frames


def _text(id3: ID3, key: str, joiner: str = "") -> str:
    frame = id3.get(key)
    return joiner.join(str(t) for t in frame.text) if frame else ""


def _subtitle(chap) -> str:  # a CHAP frame
    title = chap.sub_frames.get("TIT2")
    return str(title.text[0]) if title and title.text else chap.element_id
