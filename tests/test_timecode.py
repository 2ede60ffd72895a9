"""Every clock format, checked against parsers written here; WebVTT timestamps read back."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcaster.formats.timecode import clock, iso_duration, millis, npt, parse_vtt_stamp, srt_stamp, vtt_stamp

STAMP = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d)([.,])(\d{3})$")
CLOCK = re.compile(r"^(?:(\d+):([0-5]\d)|(\d|[1-5]\d)):([0-5]\d)$")  # H:MM:SS, or M:SS under an hour
ISO = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(\d+)S$")
MS = st.integers(0, 400 * 3_600_000)  # up to 400 hours
SECONDS = st.floats(0, 400 * 3600, allow_nan=False)


def stamp_ms(stamp: str, point: str) -> int:
    hours, minutes, seconds, written, ms = STAMP.match(stamp).groups()
    assert written == point
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(ms)


def test_examples():
    assert vtt_stamp(3_725_457) == "01:02:05.457" and srt_stamp(3_725_457) == "01:02:05,457"
    assert npt(0) == "00:00:00.000" and npt(3725.4567) == "01:02:05.457"
    assert vtt_stamp(36_001_234) == "10:00:01.234"
    assert clock(125.9) == "2:05" and clock(3725) == "1:02:05" and clock(-3) == "0:00"
    assert iso_duration(3725) == "PT1H2M5S" and iso_duration(60) == "PT1M0S" and iso_duration(5) == "PT5S"
    assert iso_duration(3605) == "PT1H0M5S"
    assert millis(1.0005) == 1000 and millis(1.0006) == 1001 and millis(-0.2) == 0


@given(MS)
def test_vtt_stamps_round_trip(ms):
    assert parse_vtt_stamp(vtt_stamp(ms)) == ms
    assert stamp_ms(vtt_stamp(ms), ".") == ms


@given(MS)
def test_srt_stamps_are_the_vtt_stamps_with_a_comma(ms):
    assert stamp_ms(srt_stamp(ms), ",") == ms
    assert srt_stamp(ms) == vtt_stamp(ms).replace(".", ",")


@given(SECONDS)
def test_npt_is_the_time_to_the_millisecond(seconds):
    assert stamp_ms(npt(seconds), ".") == millis(seconds)


@given(st.integers(0, 59), st.integers(0, 59), st.integers(0, 999))
def test_vtt_stamps_without_hours_are_read(minutes, seconds, ms):
    assert parse_vtt_stamp(f"{minutes:02d}:{seconds:02d}.{ms:03d}") == (minutes * 60 + seconds) * 1000 + ms


@pytest.mark.parametrize("stamp", ["", "1:2:3", "00:00:01,000", "00:00:01.00", "00:00:01.0000", "aa:00.000"])
def test_what_is_no_vtt_stamp_is_refused(stamp):
    with pytest.raises(ValueError):
        parse_vtt_stamp(stamp)


@given(SECONDS)
def test_clock_reads_back_as_the_whole_seconds(seconds):
    hours, minutes_past, minutes, secs = CLOCK.match(clock(seconds)).groups()
    total = (int(hours) * 60 + int(minutes_past)) * 60 if hours else int(minutes) * 60
    assert total + int(secs) == int(seconds)
    assert (hours is not None) == (seconds >= 3600) and not (hours or "1").startswith("0")


@given(SECONDS)
def test_iso_duration_reads_back_as_the_whole_seconds(seconds):
    hours, minutes, secs = ISO.match(iso_duration(seconds)).groups()
    assert int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(secs) == int(seconds)
    assert int(secs) < 60 and int(minutes or 0) < 60
