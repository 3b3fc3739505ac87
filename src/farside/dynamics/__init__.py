"""Gravity fields, force models, propagation and events."""
