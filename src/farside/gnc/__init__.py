"""Guidance, navigation and control: targeting, transfer design, descent/ascent/rendezvous guidance."""
