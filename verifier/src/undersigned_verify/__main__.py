import sys

from undersigned_verify.cli import main

sys.exit(main())
