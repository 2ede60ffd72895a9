"""Independent readers for the tests: the system ffmpeg/ffprobe, never our own code."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np

RATE = 22050


def ebur128(path) -> dict:
    """Integrated loudness and true peak as ffmpeg's ebur128 filter measures them."""
    done = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-af",
                           "ebur128=peak=true", "-f", "null", "-"],
                          capture_output=True, text=True, check=True)
    summary = done.stderr[done.stderr.rindex("Summary:"):]
    return {"lufs": float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)),
            "true_peak": float(re.search(r"Peak:\s+(-?[\d.inf]+) dBFS", summary).group(1))}


def probe(path) -> dict:
    done = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format",
                           "-show_chapters", "-of", "json", str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def decode(path, rate: int = RATE) -> np.ndarray:
    done = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1",
                           "-ar", str(rate), "-"], capture_output=True, check=True)
    return np.frombuffer(done.stdout, dtype="<i2").astype(np.float32) / 32768


def onset(samples: np.ndarray, near: float, rate: int = RATE, window: float = 0.6) -> float | None:
    """Time of the first 5 ms frame above -45 dBFS in [near - window, near + window]."""
    frame = rate // 200
    start = max(0, int((near - window) * rate))
    stop = min(len(samples), int((near + window) * rate))
    for i in range(start, stop - frame, frame // 5):
        rms = float(np.sqrt(np.mean(samples[i:i + frame] ** 2)))
        if rms > 10 ** (-45 / 20):
            return i / rate
    return None


def median_pitch(samples: np.ndarray, rate: int = RATE) -> float:
    """Median fundamental frequency (Hz) of the voiced 46 ms frames, by autocorrelation."""
    found = []
    for i in range(0, len(samples) - 1024, 512):
        frame = samples[i:i + 1024].astype(np.float64)
        if np.sqrt(np.mean(frame ** 2)) < 0.05:
            continue
        corr = np.correlate(frame, frame, "full")[1023:]
        low, high = rate // 400, rate // 60
        lag = low + int(np.argmax(corr[low:high]))
        if corr[lag] > 0.3 * corr[0]:
            found.append(rate / lag)
    return float(np.median(found))
