"""``python -m chargesearch`` = the ``chargesearch`` console script."""

import sys

from chargesearch.cli import main

sys.exit(main())
