"""META-boken: a reproducible report book on the reception of newly arrived refugees in Sweden."""

__version__ = "0.1.0"
