"""Bringing outside news into the library: files, web pages, feeds and subscription lists."""
