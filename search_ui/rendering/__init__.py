"""Result objects rendered to formats: exports, Atom, COinS, citations, charts, terminal."""
