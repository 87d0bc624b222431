"""``python -m weldsim`` is the same as the ``weldsim`` command."""

import sys

from weldsim.cli import main

sys.exit(main())
