"""`python -m analytics` entry point."""

import sys

from analytics.cli import main

sys.exit(main())
