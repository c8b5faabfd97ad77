"""Where the repository, the shared data beside it and the shipped line model are.

Found from this file, not from the working directory, so a script gives the same figures wherever
it is started; the data lives outside the repository (``../shared/data``), which may not copy it.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
#: annotated captures and briefs (its README gives the layout)
DEV_DATA = SHARED_DATA / "articles-dev"
#: line-aligned kor.txt / eng.txt / model outputs
FLORES_DEV = SHARED_DATA / "flores200-dev"
#: the repository's own annotated captures, in the layout of DEV_DATA
TEST_ARTICLES = REPO / "tests" / "articles"
SEEDS = REPO / "seeds"
LINE_MODEL = REPO / "src" / "briefing" / "reader" / "line_model.json"
