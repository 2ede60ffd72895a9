"""podcaster: interview articles in, offline text-to-speech podcast episodes out."""

import warnings

__version__ = "0.1.0"

# pydub looks for a system ffmpeg when it is imported and warns if there is none: podcaster never
# asks pydub to run one (audio/ffmpeg.py runs the bundled copy), so that warning would only confuse.
warnings.filterwarnings("ignore", "Couldn't find ffmpeg or avconv", RuntimeWarning)
