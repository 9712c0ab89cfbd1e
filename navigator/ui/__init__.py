"""The desktop app: the only part of Navigator that imports Qt."""
