"""Many articles with one model: inputs, records, the index, resume, Ray and glossary suggest."""
