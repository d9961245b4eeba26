"""Newsletter files to entries: readers, line rules, mastheads, sources, normalisers."""
