"""Whoosh 2.7.4's sources warn when compiled: the suite's warning filters must let them pass.

Python compiles them when Whoosh was installed without bytecode (`pip install --no-compile`,
or .ci/run dropping its __pycache__). pyproject.toml turns every warning into an error but
those, matched by message: a filter by module cannot match them, the compiler names a file.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

WHOOSH_SPEC = importlib.util.find_spec("whoosh")
assert WHOOSH_SPEC is not None and WHOOSH_SPEC.submodule_search_locations
WHOOSH = Path(WHOOSH_SPEC.submodule_search_locations[0])
MESSAGES = ("invalid escape sequence", '"is" with')


def compile_whoosh() -> None:
    """Compile every module of the installed Whoosh, as an import without bytecode does."""
    for path in sorted(WHOOSH.rglob("*.py")):
        compile(path.read_bytes(), str(path), "exec")


def test_whoosh_sources_warn_when_compiled() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile_whoosh()
    assert len(caught) >= 8  # 7 escape sequences and one `is 0` in Whoosh 2.7.4
    assert {warning.category for warning in caught} <= {DeprecationWarning, SyntaxWarning}
    assert all(str(warning.message).startswith(MESSAGES) for warning in caught)


def test_whoosh_sources_compile_under_the_suite_warning_filters() -> None:
    compile_whoosh()  # pyproject.toml's filters are in force: any other warning raises here
