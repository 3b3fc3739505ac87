"""File formats on arrays and epochs: gravity-field coefficient files (more formats follow)."""
