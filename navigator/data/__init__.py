"""Data files bundled with Navigator (read with importlib.resources; see NOTICE.txt)."""
