"""``python -m rgcheck`` = the ``rgcheck`` console script."""

import sys

from rgcheck.cli import main

sys.exit(main())
