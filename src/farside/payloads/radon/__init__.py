"""Radon and its daughters: decay chains, exhalation from the regolith and the lunar exosphere."""
