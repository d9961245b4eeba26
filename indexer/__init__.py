"""Newsletter files to entries to a Whoosh index.

Layers, each importing only those before it: `extraction` (files → lines → entries, no
Whoosh), `whoosh_internals` (every use of Whoosh 2.7.4's private names, version-checked),
`build` (entries → index generations, published atomically). `schema`, `formats` and
`repeated` stay at the top: their import paths are pickled into every index.
"""
