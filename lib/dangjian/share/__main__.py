"""``python -m dangjian.share``: see :mod:`dangjian.share.cli`."""

import sys

from dangjian.share.cli import main

if __name__ == "__main__":
    sys.exit(main())
