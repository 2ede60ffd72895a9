"""podcaster: interview articles in, offline text-to-speech podcast episodes out."""

__version__ = "0.1.0"
