"""The command line: a thin layer over ``podcaster.pipeline``; no work happens here."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import PodcasterError

# The pipeline is imported inside the commands: speech workers start by re-importing
# this module, and should not pay for numpy, scipy and Pillow.

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn interview articles into podcast episodes, offline.")
stderr = Console(stderr=True)
DEBUG = typer.Option(False, "--debug", help="Show tracebacks instead of one-line errors.")
VOICES = typer.Option(None, "--voices", help="Folder with cast.toml (default: ./voices).")


@app.command()
def episode(article: Path = typer.Argument(..., help="Article (.txt, .md) or a .script.json."),
            out: Path = typer.Option(Path("output"), "-o", "--out", help="Output folder."),
            voices: Optional[Path] = VOICES, debug: bool = DEBUG):
    """Render an episode: MP3 with tags and chapters, transcripts, script."""
    from .pipeline import make_episode

    with _errors(debug), _progress() as report:
        made = make_episode(article, out, voices, report)
    for kind in ("script", "chapters", "vtt", "srt"):
        print(f"wrote {made.outputs[kind]}", file=sys.stderr)
    print(made.outputs["mp3"])


@app.command()
def script(article: Path = typer.Argument(..., help="Article to read."),
           format: str = typer.Option("json", "--format", "-f", help="json or text."),
           debug: bool = DEBUG):
    """Print the script an article would become, without rendering it."""
    from .pipeline import load_script
    from .scriptfile import dumps

    with _errors(debug):
        if format not in ("json", "text"):
            raise PodcasterError(f"unknown format {format!r}: use json or text")
        found = load_script(article)
        sys.stdout.write(dumps(found) if format == "json" else _as_text(found))


@app.command()
def voices(voices: Optional[Path] = VOICES, debug: bool = DEBUG):
    """List the voices the installed engines offer, and the cast in use."""
    from .engines import available_voices
    from .engines.espeak import prepare_espeak
    from .ffmpeg import which_ffmpeg
    from .voices import check_voices, load_cast

    with _errors(debug):
        offered = available_voices()
        print(f"engine pyttsx3 on {prepare_espeak()}")
        print(f"ffmpeg: {which_ffmpeg()}")
        for voice_id, name in offered["voices"]:
            print(f"  {voice_id:<24} {name}")
        print("variants (append as +name): " + " ".join(offered["variants"]))
        cast = load_cast(voices)
        print(f"cast from {cast.source}:")
        for table, voice in cast.all_voices().items():
            print(f"  {table:<24} {voice.voice} rate {voice.rate} pitch {voice.pitch}")
        check_voices(cast, offered)


def _as_text(found) -> str:
    head = [found.title, found.subtitle, " · ".join(filter(None, [found.publication, found.date]))]
    body = [f"{t.speaker} ({t.role}){' [' + t.chapter + ']' if t.chapter else ''}:\n{t.text}"
            for t in found.turns]
    return "\n\n".join([line for line in head if line] + body) + "\n"


@contextmanager
def _errors(debug: bool):
    try:
        yield
    except PodcasterError as error:
        if debug:
            raise
        stderr.print(f"podcaster: error: {error}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        stderr.print("podcaster: interrupted; run again to resume from the cache", highlight=False)
        raise typer.Exit(130) from None


@contextmanager
def _progress():
    columns = [TextColumn("{task.description:<9}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn()]
    with Progress(*columns, console=stderr, transient=True,
                  disable=not stderr.is_terminal) as bar:
        tasks = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done)

        yield report


def main() -> None:
    app()


if __name__ == "__main__":
    main()
