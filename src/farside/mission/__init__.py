"""Mission layer: scenario files, phases, the sequencer, timeline and budgets."""
