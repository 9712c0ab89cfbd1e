"""The Directory tab: browsing, editing and importing activities; the team connection."""
