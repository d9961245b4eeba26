"""Run the `veille` command line with `python -m search_ui`."""

import sys

from search_ui.cli import main

sys.exit(main())
