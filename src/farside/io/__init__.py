"""File formats on arrays and epochs: gravity-field coefficient files, CCSDS OEM, SPK type 13."""
