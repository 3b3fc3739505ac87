"""SVOM's instruments (ECLAIRs, GRM, MXT, VT) as fields of view with bands, and the geometry every
observatory scenario uses for its wide- and narrow-field instruments."""
