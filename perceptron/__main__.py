"""Entry point for ``python -m perceptron``."""

from perceptron.cli import main

raise SystemExit(main())
