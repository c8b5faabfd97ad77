"""Glossaries: files → Glossary (readers, lint) and the morpheme-aware term finder."""
