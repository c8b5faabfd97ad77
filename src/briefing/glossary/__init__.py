"""Glossaries: files → Glossary (readers, lint) and the morpheme-aware term finder.

The public names of the four modules, importable from the package: ``loading`` (load, combine, import
and write glossary files), ``readers`` (one reader per format), ``lint`` and ``finder``.
"""

from briefing.glossary.finder import PARTICLES, TermFinder, context_applies, finder_for
from briefing.glossary.lint import GlossaryFinding, validate_glossary
from briefing.glossary.loading import (DEFAULT_GLOSSARY, default_glossary_path, glossary_yaml, import_glossary,
                                       load_glossaries, read_glossary, term_to_dict, write_glossary_yaml)
from briefing.glossary.readers import MAX_GLOSSARY_BYTES, MAX_TERM_CHARS

__all__ = ["DEFAULT_GLOSSARY", "GlossaryFinding", "MAX_GLOSSARY_BYTES", "MAX_TERM_CHARS", "PARTICLES",
           "TermFinder", "context_applies", "default_glossary_path", "finder_for", "glossary_yaml",
           "import_glossary", "load_glossaries", "read_glossary", "term_to_dict", "validate_glossary",
           "write_glossary_yaml"]
