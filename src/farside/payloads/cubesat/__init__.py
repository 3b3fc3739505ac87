"""A lunar cubesat's orbit: elements relative to the Earth's apparent orbit and their secular drift."""
