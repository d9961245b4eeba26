"""Document types from the cues in an entry's text, through a rule table shipped as data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from analyzers.folding import fold
from indexer.extraction.literals import Literals, may_match, required_literals

VOCABULARY = (
    "rapport", "étude", "article", "ouvrage", "numéro de revue", "dossier", "thèse", "note",
    "guide", "manifeste", "synthèse", "actes", "catalogue", "plateforme", "newsletter",
    "formation", "mooc", "vidéo", "programme", "laboratoire", "événement", "appel à projets",
    "autre",
)  # fmt: skip
UNKNOWN = "autre"  # no rule matched: a type no one searches for
FIELDS = ("title", "notes", "cues", "source", "lead", "description", "publishers", "any")


@dataclass(frozen=True)
class Rule:
    """One row of the rule table: give `doc_type` when `pattern` matches one of `fields`."""

    doc_type: str
    kinds: frozenset[str]
    fields: tuple[str, ...]
    pattern: re.Pattern[str]
    literals: Literals | None = None  # one of these is in every text the pattern matches


def parse_rules(text: str) -> list[Rule]:
    """Parse the TSV rule table, rejecting unknown types and fields."""
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        doc_type, kinds, fields, pattern = raw.split("\t")
        field_names = tuple(f.strip() for f in fields.split(","))
        if doc_type not in VOCABULARY or not set(field_names) <= set(FIELDS):
            raise ValueError(f"doc_types.tsv:{number}: unknown type or field in {raw!r}")
        kind_set = frozenset(k.strip() for k in kinds.split(","))
        compiled = re.compile(pattern)
        rules.append(Rule(doc_type, kind_set, field_names, compiled, required_literals(compiled)))
    return rules


@cache
def default_rules() -> list[Rule]:
    """Load the rule table shipped with the package."""
    text = resources.files("indexer").joinpath("data/doc_types.tsv").read_text("utf-8")
    return parse_rules(text)


def doc_type(kind: str, texts: dict[str, str], rules: list[Rule] | None = None) -> str:
    """Return the first rule's type whose pattern matches the entry's folded texts."""
    folded: dict[str, str] = {}  # folded when a rule first reads it: most stop at the title
    for rule in rules if rules is not None else default_rules():
        if kind not in rule.kinds:
            continue
        for field_name in rule.fields:
            if field_name == "any":
                return rule.doc_type
            text = folded.get(field_name)
            if text is None:
                text = folded[field_name] = _fold_field(field_name, texts, folded)
            if may_match(rule.literals, text) and rule.pattern.search(text):
                return rule.doc_type
    return UNKNOWN


def _fold_field(name: str, texts: dict[str, str], folded: dict[str, str]) -> str:
    """Fold one of the texts; the description's first paragraph (the lead) is folded once.

    Folding works character by character, so a folded prefix can be reused as it is.
    """
    text = texts.get(name, "")
    lead = texts.get("lead", "")
    if name == "description" and "lead" in folded and lead and text.startswith(lead):
        return folded["lead"] + fold(text[len(lead) :])
    return fold(text)
