"""``python -m farside``: the ``farside`` command."""
from farside.cli import main

main()
