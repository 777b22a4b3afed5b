import sys

from glute_tui.cli.launch import main

sys.exit(main())
