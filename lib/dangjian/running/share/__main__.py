"""``python -m dangjian.running.share``: see :mod:`dangjian.cli.share`."""

import sys

from dangjian.cli.share import main

if __name__ == "__main__":
    sys.exit(main())
