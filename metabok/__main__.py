"""`python -m metabok`: the book's command line."""

import sys

from metabok.cli import main

sys.exit(main())
