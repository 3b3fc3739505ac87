"""Reports: figures and tables of results."""
