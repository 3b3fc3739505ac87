"""``python -m farside.cli``."""
from farside.cli import main

main()
