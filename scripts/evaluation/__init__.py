"""Scoring and data loading shared by the scripts in ``scripts/``, each a thin command line over it.

Imported as ``evaluation``: a script run as ``python scripts/NAME.py`` has ``scripts/`` first on the
module path, so no script edits it and no script imports another. The modules, imports running
down the list:

- ``tables``        the printed tables, each ending with its signature line
- ``ranker_fit``    fitting the brief weights as a regularised pairwise ranker (how the shipped ones are made)
- ``weights_fit``   the coordinate search that made the earlier weights, and the cross-validation by site
- ``labeller_fit``  fitting the reader's line labeller, and the readers of the site folds
- ``selection``     the brief selection against a person's key sentences, beside first-k baselines
- ``structure``     the reader's title, subtitle, headings and boilerplate against annotations
- ``adherence``     glossary adherence, repair and false alarms; the glossary built from aligned data
- ``signature``     what produced a figure: commit, data hash, line-model and glossary hashes, version
- ``briefs``        annotated briefs as cases
- ``captures``      annotated captures, and ``--select`` of a subset by file name
- ``aligned``       line-aligned sets (kor.txt, eng.txt, a model's output)
- ``scoring``       the two matching tolerances and pooled precision, recall and F1
- ``errors``        DataError: one line and exit code 2
- ``paths``         the repository, ../shared/data beside it, the shipped line model
"""
