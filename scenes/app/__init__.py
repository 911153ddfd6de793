"""The command line and rendering.

One BLAS thread: the superposition experiment's numbers must not depend on how many threads
the machine's OpenBLAS would start (a sum split over threads rounds differently, and 250
optimiser steps turn that into a different picture). Large runs already compute each step
on single-threaded worker processes (mathcore/shardpool.py); this keeps small runs in this
process the same on every machine, and the tests set the same (tests/conftest.py). Set
before numpy is first imported: the ``llmfacts`` command imports this package first.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
