"""Gravity fields, force models, propagation, events and segments."""
