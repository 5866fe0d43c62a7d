"""``python -m uguaglianza.cli``."""

import sys

from uguaglianza.cli import main

sys.exit(main())
