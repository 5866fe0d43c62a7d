"""``python -m uguaglianza``: the ``uguaglianza`` command."""

import sys

from uguaglianza.cli import main

sys.exit(main())
