"""Scoring and data loading shared by the scripts in ``scripts/``, each a thin command line over it.

Imported as ``evaluation``: a script run as ``python scripts/NAME.py`` has ``scripts/`` first on
``sys.path``, so no script edits ``sys.path`` and no script imports another. The modules import one
way: the evaluations (``structure``, ``selection``, ``adherence``) and the fits (``labeller_fit``,
``weights_fit``) over the data readers (``captures``, ``briefs``, ``aligned``) and ``scoring``, all
over ``paths``; ``tables`` and ``signature`` print what they return.
"""
