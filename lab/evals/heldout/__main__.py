"""``python -m lab.evals.heldout``: per-question outcomes of the held-out dev halves."""

import sys

from lab.evals.heldout.sets import main

sys.exit(main())
