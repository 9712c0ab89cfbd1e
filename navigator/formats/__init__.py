"""Reading and writing files: the native directory, profiles, match results, feeds."""
