"""Plain data the rest of Navigator shares: no Qt, no database, no I/O."""
