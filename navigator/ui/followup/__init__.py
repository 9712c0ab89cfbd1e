"""The Follow-up tab: people's records, sessions, outcomes and the network map."""
