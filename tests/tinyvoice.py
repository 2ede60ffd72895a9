"""A tiny Piper voice made in the tests: the same inputs and output as a real Piper model, and a
tone for a voice. Every phoneme id becomes HOP samples of a TONE_HZ sine, so a sentence's length
and pitch are known in advance: the inference path (phonemes, ids, onnxruntime, resampling, the
cache) runs for real with a model small enough to build in a millisecond."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HOP = 256  # samples per phoneme id
RATE = 16000  # not the programme's: the engine must resample
TONE_HZ = RATE / 64  # 250 Hz: a whole number of periods in every hop
SYMBOLS = "_^$ ,.?!:;abcdefghijklmnopqrstuvwxyzæðŋɐɑɔəɚɛɜɪɹɾʃʊʌʒˈˌːθ"


def tiny_piper_voice(folder: Path, name: str = "tiny", amplitude: float = 0.3) -> Path:
    """Write ``name.onnx`` and ``name.onnx.json`` into ``folder``; return the model's path."""
    import onnx
    from onnx import TensorProto, helper

    t = np.arange(HOP) / RATE
    tone = (amplitude * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)
    nodes = [
        helper.make_node("Cast", ["input"], ["ids"], to=TensorProto.FLOAT),  # [1, N]
        helper.make_node("Transpose", ["ids"], ["column"], perm=[1, 0]),  # [N, 1]
        helper.make_node("Mul", ["column", "zero"], ["zeros"]),
        helper.make_node("Add", ["zeros", "tone"], ["rows"]),  # [N, HOP]
        helper.make_node("Reshape", ["rows", "shape"], ["output"]),  # [1, 1, 1, N * HOP]
    ]
    graph = helper.make_graph(
        nodes, "tiny-piper",
        [helper.make_tensor_value_info("input", TensorProto.INT64, [1, None]),
         helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
         helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 1, None])],
        initializer=[helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0]),
                     helper.make_tensor("tone", TensorProto.FLOAT, [HOP], tone.tolist()),
                     helper.make_tensor("shape", TensorProto.INT64, [4], [1, 1, 1, -1])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    path = Path(folder) / f"{name}.onnx"
    onnx.save(model, str(path))
    config = {"audio": {"sample_rate": RATE}, "espeak": {"voice": "en-us"},
              "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
              "num_speakers": 1, "phoneme_id_map": {s: [i] for i, s in enumerate(SYMBOLS)}}
    Path(f"{path}.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return path


def median_pitch(samples: np.ndarray, rate: int) -> float:
    """The median fundamental (Hz) over voiced 40 ms frames, by autocorrelation (60-400 Hz)."""
    x = np.asarray(samples, np.float64)
    frame, pitches = int(0.04 * rate), []
    low, high = int(rate / 400), int(rate / 60)
    loudest = np.abs(x).max() or 1.0
    for start in range(0, len(x) - frame, frame // 2):
        piece = x[start:start + frame] - x[start:start + frame].mean()
        if np.abs(piece).max() < 0.1 * loudest:
            continue
        ac = np.correlate(piece, piece, "full")[frame - 1:]
        lag = low + int(np.argmax(ac[low:high]))
        if ac[lag] > 0.5 * ac[0]:
            pitches.append(rate / lag)
    return float(np.median(pitches)) if pitches else 0.0
