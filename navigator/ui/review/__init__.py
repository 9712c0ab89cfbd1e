"""The Review tab: guesses to confirm, follow-up flags and likely duplicates."""
