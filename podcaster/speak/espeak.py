"""Find libespeak-ng and its data before pyttsx3 looks for them.

By default we use the copy inside the ``espeakng-loader`` wheel, so a bare machine
speaks; ``PODCASTER_ESPEAK=system`` uses the system's libespeak-ng instead.
"""

from __future__ import annotations

import ctypes
import os
from functools import lru_cache

from ..errors import EngineError


def wants_system() -> bool:
    return os.environ.get("PODCASTER_ESPEAK", "bundled").lower() == "system"


@lru_cache(maxsize=1)
def prepare_espeak() -> str:
    """Make pyttsx3's ``libespeak-ng.so.1`` lookup find our library; returns where it is."""
    if wants_system():
        return "system libespeak-ng"
    try:
        import espeakng_loader
    except ImportError as error:
        raise EngineError(f"espeakng-loader is not installed ({error}): reinstall podcaster") from None
    os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
    # Loaded globally under its soname, pyttsx3's dlopen("libespeak-ng.so.1") reuses it.
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    return f"bundled libespeak-ng from espeakng-loader at {espeakng_loader.get_library_path()}"


def variants_dir() -> str | None:
    """Folder of espeak voice variants (``+f3``, ``+m3``…), if we know where the data is."""
    data = os.environ.get("ESPEAK_DATA_PATH")
    for root in filter(None, [data, "/usr/lib/x86_64-linux-gnu/espeak-ng-data",
                              "/usr/share/espeak-ng-data", "/usr/lib/espeak-ng-data"]):
        folder = os.path.join(root, "voices", "!v")
        if os.path.isdir(folder):
            return folder
    return None


def engine_version() -> str:
    """Part of every cache key: another espeak may speak the same text differently."""
    return "system" if wants_system() else _bundled_version()


@lru_cache(maxsize=1)
def _bundled_version() -> str:
    from importlib.metadata import version

    return f"espeakng-loader {version('espeakng-loader')}, pyttsx3 {version('pyttsx3')}"
