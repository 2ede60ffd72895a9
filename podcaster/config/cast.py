"""The cast: which voice speaks for each role or person, read from ``voices/cast.toml``."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..errors import ConfigError, VoiceError
from ..model import Script, Voice
from .neural import CATALOGUE, DEFAULT_VOICE, NEURAL_ENGINES, voice_problem
from .tomlfile import check_tables, read_toml, toml_error

CAST_FILE = "cast.toml"
ENGINES = ("pyttsx3", *NEURAL_ENGINES)
ENGINE_KEYS = {"pyttsx3": ("engine", "voice", "rate", "pitch", "volume", "gap_ms")} | {
    engine: ("engine", "voice", "speed", "volume", "gap_ms") for engine in NEURAL_ENGINES}
PRESETS = Path(__file__).parent / "presets"  # built-in casts: --voices neural
DEFAULTS = {
    "narrator": Voice(voice="gmw/en-gb-x-rp+m8", rate=160, pitch=25, gap_ms=350),
    "interviewer": Voice(voice="gmw/en-us+m1", rate=165, pitch=80),
    "guest": Voice(voice="gmw/en-us+m6", rate=160, pitch=50),
}
_LIMITS = {"rate": (80, 450), "pitch": (0, 100), "volume": (0.0, 1.0), "gap_ms": (0, 5000), "speed": (0.5, 2.0)}
_FRACTIONS = ("volume", "speed")  # the settings that take a fraction
# espeak variants tried, in order, for a second, third… speaker of a role (by the role voice's family)
_VARIANTS = {"m": ["m1", "m5", "m7", "m2", "m4", "m6", "m3", "m8"], "f": ["f1", "f4", "f2", "f5", "f3"]}
# the variants espeak-ng's data files declare "gender female"; any other variant counts as male
FEMALE_VARIANTS = frozenset({"alicia", "andrea", "annie", "anika", "anikarobot", "aunty", "belinda",
                             "f1", "f2", "f3", "f4", "f5", "grandma", "linda", "steph", "steph2",
                             "steph3", "whisperf"})
PITCH_STEP = 12  # extra speakers of a role alternate below and above the role's pitch


@dataclass(frozen=True)
class Cast:
    """The user's casting: a voice per role, voices for named people, and the music."""

    roles: dict[str, Voice] = field(default_factory=lambda: dict(DEFAULTS))
    speakers: dict[str, Voice] = field(default_factory=dict)
    intro: Path | None = None  # the user's own music; None: generated
    outro: Path | None = None
    source: str = "built-in defaults"

    def tables(self) -> dict[str, Voice]:
        """Every voice by the table that sets it, e.g. ``[guest]``."""
        named = {f"[{role}]": voice for role, voice in self.roles.items()}
        return named | {f'[speakers."{name}"]': v for name, v in self.speakers.items()}


def assign_voices(script: Script, cast: Cast) -> dict[str, Voice]:
    """The voice of each speaker, in order of appearance: the person's own, else the role's for
    its first speaker; a role's later speakers get a voice derived from it (another variant)."""
    voices: dict[str, Voice] = {}
    ranks: dict[str, int] = {}  # role -> how many of its speakers have a voice from it
    for turn in script.turns:
        name, role = turn.speaker, turn.role
        if name in voices:
            continue
        if name in cast.speakers:
            voices[name] = cast.speakers[name]
            continue
        rank = ranks[role] = ranks.get(role, -1) + 1
        if rank == 0 or role == "narrator":
            voices[name] = cast.roles[role]
        else:
            taken = {v.voice.lower() for v in [*cast.tables().values(), *voices.values()]}
            voices[name] = derive_voice(cast.roles[role], rank, taken)
    return voices


def derive_voice(base: Voice, rank: int, taken: set[str]) -> Voice:
    """A distinct voice for the ``rank``-th extra speaker of a role: another variant, another pitch
    (a neural role: another installed neural voice, the cheapest engines first)."""
    if base.engine != "pyttsx3":
        return _other_neural_voice(base, taken)
    language, _, variant = base.voice.partition("+")
    family = _VARIANTS["f" if variant.lower() in FEMALE_VARIANTS else "m"]
    free = [v for v in family if f"{language}+{v}".lower() not in taken]
    pick = free[0] if free else family[(rank - 1) % len(family)]
    step = PITCH_STEP * ((rank + 1) // 2) * (-1 if rank % 2 else 1)
    low, high = _LIMITS["pitch"]
    return replace(base, voice=f"{language}+{pick}", pitch=int(min(high, max(low, base.pitch + step))))


def _other_neural_voice(base: Voice, taken: set[str]) -> Voice:
    order = {engine: rank for rank, engine in enumerate(("hibari", "piper", "kokoro"))}
    free = sorted((v for v in CATALOGUE if v.name not in taken and not voice_problem(v.engine, v.name)),
                  key=lambda v: order.get(v.engine, len(order)))
    return replace(base, engine=free[0].engine, voice=free[0].name) if free else base


def find_cast_file(folder: Path | None) -> Path | None:
    """``--voices DIR`` must hold a cast.toml; without it ``./voices`` is used if present."""
    if folder is not None:
        path = Path(folder) / CAST_FILE
        preset = PRESETS / str(folder) / CAST_FILE
        if not path.is_file() and len(Path(folder).parts) == 1 and preset.is_file():
            return preset  # --voices neural: a built-in cast, unless ./neural holds one
        if not path.is_file():
            raise ConfigError(f"no {CAST_FILE} in {folder}: create one (see voices/{CAST_FILE})")
        return path
    path = Path("voices") / CAST_FILE
    return path if path.is_file() else None


def load_cast(folder: Path | None = None) -> Cast:
    path = find_cast_file(folder)
    if path is None:
        return Cast()
    data, text = read_toml(path)
    check_tables(path, text, data, {*DEFAULTS, "speakers", "music"},
                 "use [narrator], [interviewer], [guest], [speakers.\"Name\"] or [music]")
    settings = _Settings(path, text)
    roles = {role: settings.voice(data.get(role, {}), base, role) for role, base in DEFAULTS.items()}
    people = data.get("speakers", {})
    if not isinstance(people, dict):
        raise settings.error("speakers", None, "[speakers] must hold tables like [speakers.\"Jane Doe\"]")
    speakers = {name: settings.voice(table, roles["guest"], f'speakers."{name}"')
                for name, table in people.items()}
    music = data.get("music", {})
    return Cast(roles, speakers, _music(music, "intro", settings), _music(music, "outro", settings),
                str(path))


def check_voices(cast: Cast, offered: dict, voices: dict[str, Voice] | None = None) -> None:
    """Raise VoiceError naming the first voice of the cast, or of ``voices`` (a speaker's, as
    ``assign_voices`` gives them), that the installed engines do not offer."""
    ids = {v_id.lower() for v_id, _ in offered["voices"]}
    names = {name.lower() for _, name in offered["voices"]}
    variants = {v.lower() for v in offered["variants"]}
    derived = {f'[speakers."{name}"] (derived, unset)': voice for name, voice in (voices or {}).items()
               if voice not in cast.tables().values()}
    for table, voice in (cast.tables() | derived).items():
        if voice.engine != "pyttsx3":
            problem = voice_problem(voice.engine, voice.voice)
            if problem:
                raise VoiceError(f"{voice.engine} voice {voice.voice!r} in {table} of {cast.source} {problem}")
            continue
        base, _, variant = voice.voice.partition("+")
        if base.lower() not in ids | names or (variant and variant.lower() not in variants):
            raise VoiceError(
                f"unknown voice {voice.voice!r} in {table} of {cast.source}: available voices are "
                + ", ".join(v_id for v_id, _ in offered["voices"])
                + "; variants (after +) are " + ", ".join(offered["variants"]))


class _Settings:
    """Checks one cast.toml; every error names the file, the line and the key."""

    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text

    def error(self, key: str, table: str | None, message: str, kind=ConfigError) -> ConfigError:
        return toml_error(self.path, self.text, key, message, table, kind)

    def voice(self, table: dict, base: Voice, name: str) -> Voice:
        if not isinstance(table, dict):
            raise self.error(name, None, f"[{name}] must be a table of voice settings")
        known = [f.name for f in fields(Voice)]
        problem = _problem("engine", table["engine"]) if "engine" in table else ""
        if problem:
            kind = VoiceError if isinstance(table["engine"], str) else ConfigError
            raise self.error("engine", name, f"engine in [{name}] {problem}", kind)
        engine = table.get("engine", base.engine)
        allowed = ENGINE_KEYS[engine]
        for key, value in table.items():
            if key not in known:
                raise self.error(key, name, f"unknown key {key!r} in [{name}]; use " + ", ".join(allowed))
            if key not in allowed:
                raise self.error(key, name, f"{key} in [{name}] is not a setting of the {engine} engine; "
                                 "it takes " + ", ".join(allowed))
            problem = _problem(key, value)
            if problem:
                raise self.error(key, name, f"{key} in [{name}] {problem}")
        if engine != base.engine:  # another engine: its own defaults, not the role's other settings
            base = Voice(engine=engine, voice=DEFAULT_VOICE.get(engine, Voice.voice), gap_ms=base.gap_ms)
        return replace(base, **table)


def _problem(key: str, value) -> str:
    """What is wrong with one voice setting, or ""."""
    if key in ("engine", "voice"):
        if not isinstance(value, str) or not value.strip():
            return "must be a non-empty string"
        if key == "engine" and value not in ENGINES:
            return f"is {value!r}, an unknown engine; available: " + ", ".join(ENGINES)
        return ""
    low, high = _LIMITS[key]
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not number or not low <= value <= high or (key not in _FRACTIONS and isinstance(value, float)):
        return f"must be {'a number' if key in _FRACTIONS else 'a whole number'} from {low} to {high}"
    return ""


def _music(table, which: str, settings: _Settings) -> Path | None:
    if not isinstance(table, dict):
        raise settings.error("music", None, "[music] must be a table with intro and outro")
    if which not in table:
        return None
    if not isinstance(table[which], str):
        raise settings.error(which, "music", f"[music] {which} must be a file name in quotes")
    music = settings.path.parent / table[which]
    if not music.is_file():
        raise settings.error(which, "music", f"[music] {which} file {music} not found: fix or remove it")
    return music
