"""What pyproject.toml declares: every dependency is used, and the private parts of mutagen and
pyttsx3 that podcaster uses are still there and still behave.

pyproject.toml caps both packages below their next release. Before raising a cap, run this file
against the new version: each test names the private part it checks.
"""

from __future__ import annotations

import ctypes
import inspect
import multiprocessing
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import packages_distributions, version

import pytest
from conftest import ROOT
from mutagen.id3 import CHAP, ID3, TIT2, Encoding
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

# Declared for a reason other than an import of ours.
NOT_IMPORTED = {
    "lxml_html_clean": "justext, under trafilatura, imports lxml.html.clean, which lives there",
}
# Chapters in time order whose frames shrink as they go: mutagen alone writes small frames first.
CHAPTERS = [("chp0", 0, "An opening chapter with a long title"), ("chp1", 5000, "Middle"), ("chp2", 9000, "End")]


def runtime_requirements() -> list[Requirement]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [r for r in map(Requirement, pyproject["project"]["dependencies"])
            if r.marker is None or r.marker.evaluate()]


def imported_modules() -> set[str]:
    """Top-level modules that podcaster's own code imports."""
    found = set()
    for path in (ROOT / "podcaster").rglob("*.py"):
        found |= set(re.findall(r"^\s*(?:import|from) (\w+)", path.read_text(encoding="utf-8"), re.M))
    return found


def test_every_declared_dependency_is_imported():
    modules = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            modules.setdefault(canonicalize_name(distribution), set()).add(module)
    used = imported_modules()
    unused = [r.name for r in runtime_requirements()
              if r.name not in NOT_IMPORTED and not modules[canonicalize_name(r.name)] & used]
    assert unused == []


@pytest.mark.parametrize("name", ["mutagen", "pyttsx3"])
def test_the_packages_whose_private_parts_we_use_are_capped(name):
    [requirement] = [r for r in runtime_requirements() if r.name == name]
    assert any(spec.operator in ("<", "<=", "==") for spec in requirement.specifier), requirement
    assert requirement.specifier.contains(version(name)), f"{name} {version(name)} is outside {requirement}"


def chap(element_id: str, start: int, title: str) -> CHAP:
    return CHAP(element_id=element_id, start_time=start, end_time=start + 1000, start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF, sub_frames=[TIT2(encoding=Encoding.UTF8, text=[title])])


def chapter_order(id3: ID3, path) -> list[bytes]:
    """Save ``id3`` with the chapters added in time order; return the element ids in file order."""
    for chapter in CHAPTERS:
        id3.add(chap(*chapter))
    id3.save(path, v2_version=3)
    return re.findall(rb"CHAP.{6}(chp\d)\x00", path.read_bytes(), re.S)


def test_mutagen_id3_write_is_what_save_serialises(tmp_path):
    """``ID3._write(config)``, overridden in output/tags.py to put chapters in time order."""
    from podcaster.output.tags import _ChronologicalID3

    assert chapter_order(ID3(), tmp_path / "plain.id3") == [b"chp2", b"chp1", b"chp0"]  # by size
    assert chapter_order(_ChronologicalID3(), tmp_path / "ours.id3") == [b"chp0", b"chp1", b"chp2"]
    read = ID3(tmp_path / "ours.id3")
    assert [str(read[f"CHAP:{i}"].sub_frames["TIT2"]) for i, _, _ in CHAPTERS] == [t for _, _, t in CHAPTERS]


def test_mutagen_save_frame_serialises_one_frame():
    """``mutagen.id3._tags.save_frame(frame, config=...)``: a frame's header and body as saved."""
    from mutagen.id3._tags import ID3SaveConfig, save_frame

    assert list(inspect.signature(save_frame).parameters) == ["frame", "name", "config"]
    data = save_frame(chap(*CHAPTERS[0]), config=ID3SaveConfig(3, "/"))
    assert data[:4] == b"CHAP" and int.from_bytes(data[4:8], "big") == len(data) - 10  # v2.3: plain size


def espeak_through_pyttsx3() -> dict:
    """In a fresh process: what worker.py relies on in ``pyttsx3.drivers._espeak``, and a sentence."""
    from podcaster.speak import worker
    from podcaster.speak.espeak import prepare_espeak, wants_system

    worker.init()  # prepare_espeak, Initialize(AUDIO_OUTPUT_SYNCHRONOUS), SetSynthCallback
    from pyttsx3.drivers import _espeak

    bundled = None if wants_system() else prepare_espeak().rsplit(" at ", 1)[1]
    return {
        "constants": {name: getattr(_espeak, name, None) for name in EXPECTED_CONSTANTS},
        "synth": [t.__name__ for t in _espeak.cSynth.argtypes] + [_espeak.cSynth.restype.__name__],
        "callback": [t.__name__ for t in _espeak.t_espeak_callback._argtypes_],
        "library": bundled is None or _espeak.dll._handle == ctypes.CDLL(bundled)._handle,
        "voices": [voice for voice, _ in worker.list_voices()["voices"]],
        "pcm": len(worker.speak("The harbour listens.", {"voice": "gmw/en-us+m1", "rate": 160,
                                                           "pitch": 50, "volume": 1.0})),
    }


EXPECTED_CONSTANTS = {  # the values of espeak-ng's speak_lib.h
    "AUDIO_OUTPUT_SYNCHRONOUS": 2, "CHARS_UTF8": 1, "PHONEMES": 0x100, "ENDPAUSE": 0x1000,
    "POS_CHARACTER": 1, "RATE": 1, "VOLUME": 2, "PITCH": 3,
}


@pytest.fixture(scope="module")
def espeak() -> dict:
    """Run in a spawned process, as a speech worker is: espeak is loaded there, not in pytest."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(espeak_through_pyttsx3).result(timeout=120)


def test_pyttsx3_espeak_constants(espeak):
    assert espeak["constants"] == EXPECTED_CONSTANTS


def test_pyttsx3_espeak_synth_and_callback_signatures(espeak):
    """``cSynth`` is called with all eight arguments; ``_collect`` takes the callback's three."""
    assert espeak["synth"] == ["c_char_p", "c_long", "c_uint", "c_int", "c_uint", "c_uint", "LP_c_uint",
                               "c_void_p", "c_int"]
    assert espeak["callback"] == ["LP_c_short", "c_int", "LP_EVENT"]


def test_pyttsx3_loads_the_library_prepare_espeak_loaded(espeak):
    """pyttsx3 dlopens ``libespeak-ng.so.1`` by soname; prepare_espeak loads the bundled one first."""
    assert espeak["library"]


def test_pyttsx3_espeak_lists_voices_and_speaks(espeak):
    assert "gmw/en-us" in espeak["voices"]
    assert espeak["pcm"] > 22050 * 2 * 0.5 and espeak["pcm"] % 2 == 0  # over half a second of 16-bit samples
