"""Following the news: feeds in, each item read once, the same story from many outlets grouped, the
relevant stories briefed and a digest written (``briefing follow``, docs/following.md)."""
