"""Our BS.1770-4 meter against pyloudnorm, the standard's own numbers, and itself in chunks."""

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import butter, sosfilt

from podcaster.formats.loudness import LoudnessMeter, integrated_loudness, k_weighting


def speechlike(rate: int, seconds: float = 20.0) -> np.ndarray:
    """Band-limited noise and a voiced buzz in 2 s bursts with 1 s pauses; second half louder."""
    rng = np.random.default_rng(3)
    t = np.arange(int(seconds * rate)) / rate
    noise = sosfilt(butter(4, [150, 3500], "bandpass", fs=rate, output="sos"), rng.standard_normal(t.size))
    buzz = sum(np.sin(2 * np.pi * 130 * k * t) / k for k in range(1, 10)) / 3
    talking = ((t % 3) < 2) * np.where(t < seconds / 2, 0.1, 0.5)
    return (noise + buzz) * talking * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))


def tones(rate: int) -> np.ndarray:
    t = np.arange(12 * rate) / rate
    return np.where(t < 6, 0.05 * np.sin(2 * np.pi * 300 * t), 0.4 * np.sin(2 * np.pi * 1200 * t))


@pytest.mark.parametrize("rate", [22050, 44100])
@pytest.mark.parametrize("make", [speechlike, tones])
def test_agrees_with_pyloudnorm(rate, make):
    x = make(rate)
    assert integrated_loudness(x, rate) == pytest.approx(pyloudnorm.Meter(rate).integrated_loudness(x), abs=0.1)


def test_int16_and_float_agree():
    x = speechlike(22050)
    as_int = np.round(x / np.abs(x).max() * 20000).astype(np.int16)
    assert integrated_loudness(as_int, 22050) == pytest.approx(integrated_loudness(as_int / 32768.0, 22050), abs=1e-9)


def test_chunked_equals_whole():
    x = speechlike(22050)
    meter = LoudnessMeter(22050)
    for chunk in np.array_split(x, 97):  # odd sizes that straddle the 100 ms steps
        meter.add(chunk)
    assert meter.integrated() == pytest.approx(integrated_loudness(x, 22050), abs=1e-9)


def test_filter_matches_the_standard_table_at_48k():
    """BS.1770-4 Table 1 / 2 coefficients (48 kHz)."""
    (b1, a1), (b2, a2) = k_weighting(48000)
    assert b1 == pytest.approx([1.53512485958697, -2.69169618940638, 1.19839281085285], abs=1e-6)
    assert a1 == pytest.approx([1.0, -1.69065929318241, 0.73248077421585], abs=1e-6)
    assert b2 == pytest.approx([1.0, -2.0, 1.0])
    assert a2 == pytest.approx([1.0, -1.99004745483398, 0.99007225036621], abs=1e-6)


@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_full_scale_997hz_sine_is_minus_3_lufs(rate):
    """The standard's calibration: a 0 dBFS 997 Hz sine reads -3.01 LUFS."""
    t = np.arange(5 * rate) / rate
    assert integrated_loudness(np.sin(2 * np.pi * 997 * t), rate) == pytest.approx(-3.01, abs=0.05)


def test_gates():
    rate = 22050
    silence = np.zeros(3 * rate)
    assert integrated_loudness(silence, rate) == float("-inf")
    assert integrated_loudness(np.zeros(100), rate) == float("-inf")  # shorter than one block
    t = np.arange(5 * rate) / rate
    tone = 0.5 * np.sin(2 * np.pi * 997 * t)
    padded = np.concatenate([silence, tone, silence])
    murmured = np.concatenate([silence, tone, silence, 0.005 * tone, silence])
    # a -46 dB murmur falls below the relative gate: no change at all
    assert integrated_loudness(murmured, rate) == pytest.approx(integrated_loudness(padded, rate), abs=1e-9)
    # silence is gated out; only the blocks straddling the tone's edges pull it down a little
    assert integrated_loudness(padded, rate) == pytest.approx(integrated_loudness(tone, rate), abs=0.3)


@pytest.mark.parametrize("rate", [22050, 48000])
def test_the_fft_filter_is_the_recursive_k_filter_across_chunks(rate):
    """The overlap-save K-weighting equals the two biquads run sample by sample (scipy's lfilter)."""
    from scipy.signal import lfilter

    from podcaster.formats.loudness import KFilter

    x = speechlike(rate, 6.0)
    expected = x
    for b, a in k_weighting(rate):
        expected = lfilter(b, a, expected)
    kfilter = KFilter(rate)
    got = np.concatenate([kfilter(chunk) for chunk in np.array_split(x, 7)])
    assert np.abs(got - expected).max() < 1e-9


@pytest.mark.parametrize("seconds", [0.0005, 0.3, 2.8, 3.1, 9.0])  # one FFT, and blocks past 2^16
def test_a_sentence_k_weighted_at_once_is_the_recursive_filter(seconds):
    """``k_weighted`` (float32, one FFT or overlap-save blocks) is lfilter's output and its ring."""
    from scipy.signal import lfilter

    from podcaster.formats.loudness import k_response, k_weighted

    rate = 22050
    x = (speechlike(rate, seconds) * 20000).astype(np.int16)
    expected = np.concatenate([x / 32768, np.zeros(len(k_response(rate)) - 1)])
    for b, a in k_weighting(rate):
        expected = lfilter(b, a, expected)
    got = k_weighted(x, rate)
    assert got.dtype == np.float32 and len(got) == len(expected)
    assert np.abs(got - expected).max() < 1e-6


def test_envelope_is_the_running_maximum():
    from scipy.ndimage import maximum_filter1d

    from podcaster.formats.profile import envelope

    x = np.random.default_rng(4).standard_normal(20011)
    for window in (1, 2, 3, 55, 64, 1213, 20011, 30000):
        assert np.array_equal(envelope(x, window), maximum_filter1d(np.abs(x), size=window, mode="constant"))


def test_a_profile_survives_its_bytes():
    from podcaster.formats.profile import Profile, measure

    profile = measure(np.round(speechlike(22050, 3.0) * 20000).astype(np.int16), 22050)
    again = Profile.from_bytes(profile.to_bytes())
    assert np.allclose(again.energy, profile.energy, rtol=1e-6)
    assert np.allclose(again.limited, profile.limited, rtol=1e-6)
