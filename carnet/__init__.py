"""Carnet: the logbook of a network of organisations."""

__version__ = "0.1.0"
