"""The Appointment tab: the profile, the ranked suggestions, the shortlist and the handout."""
