"""Payload models: instruments that read a flown mission and return time series, timeline events,
data volume and figures (the plug-in interface is :mod:`farside.payloads.base`)."""
