"""The automatic sentence aligner: scoring, banded search, evaluation."""
