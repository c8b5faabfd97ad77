"""Reading articles: bytes, a saved page or a link → Source → Article, with nothing lost."""
