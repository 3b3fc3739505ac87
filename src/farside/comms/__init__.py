"""Communications: stations, visibility, horizons, contact windows, link budgets."""
