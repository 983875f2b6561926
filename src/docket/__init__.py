"""Docket: secure documentation of politically motivated detention cases."""

__version__ = "0.1.0"
