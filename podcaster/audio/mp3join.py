"""Joining MP3 segments encoded apart into one file, without a gap: frame by frame.

Each segment is encoded by ffmpeg (LAME) as its own file with an Info frame: the Xing header
(frame and byte counts, a seek table) and the LAME tag (encoder delay and padding, the CRC of
the audio). LAME starts every segment 576 samples late and pads its end to a whole frame plus
at least a granule; so a segment of n samples, n a multiple of 1152, is n / 1152 + 1 frames,
and the next segment's audio, decoded straight after them, lands exactly n + 1152 samples on.
The programme places its seams so (audio/programme.py). The joined file keeps the first
segment's Info frame, rewritten for the whole: its counts, seek table, the last segment's
padding, the audio's CRC (combined from the segments' own) and the tag's CRC.
"""

from __future__ import annotations

import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

from ..errors import ToolError
from ..formats.files import atomic_path

FRAME_SAMPLES = 1152
ENCODER_DELAY = 576
INFO_SIZE = 156  # from "Info" to the end of the LAME tag
TAG_CRC_BYTES = 190  # the LAME tag's CRC covers the frame's first 190 bytes


@dataclass(frozen=True)
class Encoded:
    """One segment's MP3 file: its Info frame, audio frame count and bytes, padding and CRC."""

    path: Path
    info_frame: bytes
    info_at: int  # offset of "Info" in that frame
    frames: int
    audio_bytes: int  # after the Info frame
    padding: int
    crc: int


def read_encoded(path: Path) -> Encoded:
    """A segment's Info frame and what it says (the audio is left on disk)."""
    with open(path, "rb") as file:
        head = file.read(4)
        frame_size = _frame_size(head)
        data = head + file.read(frame_size - 4)
        size = os.fstat(file.fileno()).st_size
    info_at = data.find(b"Info", 0, frame_size)
    if info_at < 0:
        raise ToolError(f"{path.name}: the encoder wrote no Info frame")
    frames, = struct.unpack_from(">I", data, info_at + 8)
    lame = info_at + 120
    delay_padding = int.from_bytes(data[lame + 21:lame + 24], "big")
    crc, = struct.unpack_from(">H", data, info_at + INFO_SIZE - 4)
    if delay_padding >> 12 != ENCODER_DELAY:
        raise ToolError(f"{path.name}: an encoder delay of {delay_padding >> 12} samples, not {ENCODER_DELAY}")
    return Encoded(path, data, info_at, frames, size - frame_size, delay_padding & 0xFFF, crc)


def join(segments: list[Encoded], lengths: list[int], target: Path) -> None:
    """Write ``segments`` (of ``lengths`` samples each, at the MP3's rate) as one MP3 at ``target``."""
    for encoded, length in zip(segments[:-1], lengths):
        if length % FRAME_SAMPLES or encoded.frames != length // FRAME_SAMPLES + 1:
            raise ToolError(f"a segment of {length} samples came out as {encoded.frames} frames: cannot join it")
    first = segments[0]
    header = bytearray(first.info_frame)
    audio_bytes = sum(s.audio_bytes for s in segments)
    frames = sum(s.frames for s in segments)
    crc = 0
    for encoded in segments:
        crc = crc16_combine(crc, encoded.crc, encoded.audio_bytes)
    total = len(header) + audio_bytes
    at, lame = first.info_at, first.info_at + 120
    struct.pack_into(">II", header, at + 8, frames, total)
    header[at + 16:at + 116] = bytes(min(255, 256 * i // 100) for i in range(100))  # CBR: a straight line
    header[lame + 21:lame + 24] = ((ENCODER_DELAY << 12) | segments[-1].padding).to_bytes(3, "big")
    struct.pack_into(">IH", header, at + INFO_SIZE - 8, total, crc)
    struct.pack_into(">H", header, at + INFO_SIZE - 2, 0)
    struct.pack_into(">H", header, at + INFO_SIZE - 2, crc16(bytes(header[:TAG_CRC_BYTES])))
    with atomic_path(target, suffix=".mp3") as tmp, open(tmp, "wb") as out:
        out.write(header)
        for encoded in segments:
            with open(encoded.path, "rb") as source:
                source.seek(len(encoded.info_frame))
                shutil.copyfileobj(source, out, 1 << 20)  # a megabyte at a time


def _frame_size(data: bytes) -> int:
    """Bytes of the MPEG-1 Layer III frame at the start of ``data``."""
    if len(data) < 4 or data[0] != 0xFF or (data[1] & 0xFE) != 0xFA:
        raise ToolError("the encoder's output does not start with an MPEG-1 Layer III frame")
    bitrate = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)[data[2] >> 4] * 1000
    rate = (44100, 48000, 32000)[(data[2] >> 2) & 3]
    return 144 * bitrate // rate + ((data[2] >> 1) & 1)


def crc16(data: bytes, crc: int = 0) -> int:
    """CRC-16/ARC (reflected 0x8005, as the LAME tag uses), bit by bit: for short inputs."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def crc16_combine(first: int, second: int, second_length: int) -> int:
    """The CRC of two byte strings joined, from their CRCs: ``first`` run through
    ``second_length`` zero bytes (by squaring the one-zero-byte step), then XOR ``second``."""
    step = [crc16(b"\0", 1 << bit) for bit in range(16)]  # the step as a matrix: column per bit
    while second_length:
        if second_length & 1:
            first = _apply(step, first)
        step = [_apply(step, column) for column in step]
        second_length >>= 1
    return first ^ second


def _apply(matrix: list[int], vector: int) -> int:
    result, bit = 0, 0
    while vector:
        if vector & 1:
            result ^= matrix[bit]
        vector >>= 1
        bit += 1
    return result
