"""Regenerate data/french_words.txt.gz, the French word list, from the wordfreq package.

    python -m analyzers.refresh_lexicon [--version 3.1.1] [--min-zipf 2.0]

wordfreq is no dependency of veille: it is installed into a temporary virtual environment
(from PyPI, through pip), asked for its French list there, and dropped. The product reads
only the file written here, whose first lines record the package, its version, the
licences and the cut-off. The same version and cut-off give the same bytes.

Why wordfreq: its French list merges several sources (Wikipedia, subtitles, news, books,
the web), so the vocabulary of public policy is in it ("essaimage", "mutualiser",
"cartographier"), and its frequencies let rare spellings, mostly typos ("inovation",
zipf 1.4), be left out with a cut-off. Its code is under the Apache-2.0 licence, its data
under CC-BY-SA 4.0: the word list written here is shared under that licence, with the
attribution in its header.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

PACKAGE = "wordfreq"
VERSION = "3.1.1"
MIN_ZIPF = 2.0
TARGET = Path(__file__).parent / "data" / "french_words.txt.gz"

# Run inside the temporary environment: print the French words above the cut-off as JSON.
_DUMP = """
import json, sys
from wordfreq import iter_wordlist, zipf_frequency
cutoff = float(sys.argv[1])
words = []
for word in iter_wordlist("fr", "large"):
    if word.isalpha() and zipf_frequency(word, "fr", wordlist="large") >= cutoff:
        words.append(word)
print(json.dumps(words))
"""


def fetch_words(version: str, cutoff: float) -> list[str]:
    """Install wordfreq==VERSION in a temporary environment and return its French words."""
    with tempfile.TemporaryDirectory(prefix="veille-lexicon-") as folder:
        venv.create(folder, with_pip=True)
        python = str(Path(folder) / "bin" / "python")
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", f"{PACKAGE}=={version}"], check=True
        )
        output = subprocess.run(
            [python, "-c", _DUMP, str(cutoff)], check=True, capture_output=True, text=True
        ).stdout
    return json.loads(output)


def render(words: list[str], version: str, cutoff: float) -> bytes:
    """Return the gzipped file: a commented header, then one lowercase word a line, sorted."""
    unique = sorted({word.lower() for word in words})
    header = [
        f"# French words from {PACKAGE} {version} (its 'large' French list), zipf >= {cutoff}:",
        f"# {len(unique)} words. Code Apache-2.0; word list CC-BY-SA 4.0, by Robyn Speer and",
        "# the wordfreq contributors (https://github.com/rspeer/wordfreq), shared under the",
        "# same licence. Regenerate with: python -m analyzers.refresh_lexicon",
    ]
    text = "\n".join([*header, *unique]) + "\n"
    # mtime=0 and no file name: the same words give the same bytes.
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    """Write the word list from wordfreq; print how many words it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=VERSION, help="wordfreq version to read")
    parser.add_argument("--min-zipf", type=float, default=MIN_ZIPF, help="frequency cut-off")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    words = fetch_words(args.version, args.min_zipf)
    args.output.write_bytes(render(words, args.version, args.min_zipf))
    print(f"{args.output}: {len(set(words))} words from {PACKAGE} {args.version}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
