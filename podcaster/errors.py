"""One error tree: every failure a user can cause or fix is a PodcasterError.

The CLI prints ``str(error)`` as one line and exits with ``error.exit_code``;
anything else escaping is a bug and keeps its traceback (exit 1). Exit 2 is
left to typer's usage errors (unknown option, missing argument).
"""


class PodcasterError(Exception):
    """Base of every error the user should see as one line."""

    exit_code = 1


class InputError(PodcasterError):
    """The article or script cannot be read or makes no sense."""

    exit_code = 8


class ConfigError(PodcasterError):
    """A settings file is wrong (cast.toml, lexicon.toml, music, show.toml)."""

    exit_code = 3


class VoiceError(ConfigError):
    """A voice is not offered by the installed engines."""


class EngineError(PodcasterError):
    """A speech engine failed to produce audio."""

    exit_code = 4


class OutputError(PodcasterError):
    """The output folder cannot be written."""

    exit_code = 5


class ToolError(PodcasterError):
    """An external tool (ffmpeg) failed or is missing."""

    exit_code = 6


class PublishError(PodcasterError):
    """An episode manifest, the feed or the pages cannot be read or written."""

    exit_code = 7


class ClusterError(PodcasterError):
    """``podcaster batch`` cannot run: Dask is not installed, or its scheduler cannot be reached."""

    exit_code = 9


class SourcesFailed(PodcasterError):
    """A batch finished, but some of its sources failed (each is in the report with its error)."""

    exit_code = 10


class ProofFailed(PodcasterError):
    """``podcaster proof --max-wer``: the episode was heard with more errors than allowed."""

    exit_code = 11


def at_line(path: object, line: int | None, message: str) -> str:
    """"cast.toml: line 4: message": how an error points into a file the user edits (a script,
    cast.toml, lexicon.toml, show.toml); "cast.toml: message" when no line is known."""
    return f"{path}: line {line}: {message}" if line else f"{path}: {message}"
