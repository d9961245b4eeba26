"""What an index holds, read back through Whoosh: for comparing two writers' indexes."""

from __future__ import annotations


def dump(reader) -> dict:
    """Every posting (id, weight, encoded value), stored document, field length and column."""
    postings, stats = {}, {}
    for fieldname, text in reader.all_terms():
        info = reader.term_info(fieldname, text)  # what scoring and block skipping read
        stats[fieldname, text] = (
            info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
            info.max_weight(), info.min_id(), info.max_id(),
        )  # fmt: skip
        matcher = reader.postings(fieldname, text)
        found = []
        while matcher.is_active():
            found.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        postings[fieldname, text] = found
    schema = reader.schema
    scorable = [name for name in schema.names() if schema[name].scorable]
    sortable = [name for name in schema.names() if schema[name].column_type]
    docs = range(reader.doc_count_all())
    return {
        "postings": postings,
        "term stats": stats,
        "stored": [reader.stored_fields(n) for n in docs],
        "lengths": {name: [reader.doc_field_length(n, name) for n in docs] for name in scorable},
        "columns": {name: list(reader.column_reader(name)) for name in sortable},
    }
