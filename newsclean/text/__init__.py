"""Text normalization: characters, homoglyphs, hard wraps, typography, language."""
