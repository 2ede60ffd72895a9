import io

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from podcaster.output.cover import make_cover, title_layout

LONG_TITLE = ("The harbour master who counted every ship that entered the bay for forty years "
              "and what her ledgers tell us about tides, trade, weather and the patience of a small "
              "town by the cold, grey northern sea.")


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_cover_is_a_large_square_jpeg():
    image = _open(make_cover("Harbour Lights", "A conversation", "Longform Audio"))
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.width == image.height >= 1400


def test_small_sizes_are_raised_to_the_minimum():
    assert _open(make_cover("Tiny", size=600)).size == (1400, 1400)
    assert _open(make_cover("Big", size=2000)).size == (2000, 2000)


def test_cover_is_deterministic():
    assert make_cover("Same title", "sub", "show") == make_cover("Same title", "sub", "show")


def test_different_titles_give_different_images():
    one = _open(make_cover("Harbour Lights", show="Show"))
    two = _open(make_cover("Mountain Rescue", show="Show"))
    corner = (5, 5)
    assert one.getpixel(corner) != two.getpixel(corner)  # background colour, not just the text
    assert ImageChops.difference(one, two).getbbox() is not None


def test_long_title_is_wrapped_whole_within_the_margins():
    assert len(LONG_TITLE) == 200
    font, px, lines = title_layout(LONG_TITLE)
    assert " ".join(lines) == LONG_TITLE  # nothing dropped
    assert all(font.getlength(line) <= 1400 - 2 * 140 for line in lines)
    assert len(lines) > 2


def test_long_title_pixels_stay_inside_the_margins():
    image = _open(make_cover(LONG_TITLE, "A subtitle that is also rather long " * 3, "Show name"))
    margin = image.width // 10
    inner = int(margin * 0.8)
    light = image.convert("L").point(lambda v: 255 if v > 200 else 0)
    assert light.getbbox() is not None  # the text is there
    left, _, right, _ = light.getbbox()
    assert left >= inner and right <= image.width - inner


def test_one_enormous_word_is_cut_to_fit():
    font, _, lines = title_layout("Donaudampfschifffahrtsgesellschaftskapitän" * 4)
    assert all(font.getlength(line) <= 1400 - 2 * 140 for line in lines)


@settings(max_examples=30, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_any_title_fits_the_title_area(title):
    font, px, lines = title_layout(title)
    assert lines
    assert all(font.getlength(line) <= 1400 - 2 * 140 for line in lines)
    assert round(px * 1.2) * len(lines) <= int(1400 * 0.52)
