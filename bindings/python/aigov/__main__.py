"""python -m aigov: see aigov.cli."""
from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
