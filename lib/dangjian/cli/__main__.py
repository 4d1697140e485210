"""``python -m dangjian.cli``: the same as the ``dangjian`` command."""

import sys

from dangjian.cli import main

sys.exit(main())
