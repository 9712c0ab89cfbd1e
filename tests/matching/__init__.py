"""Tests of the pure matching engine (no display, no database)."""
