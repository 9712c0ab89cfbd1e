"""Navigator: connects people to local community activities that fit them."""

__version__ = "0.1.0"
