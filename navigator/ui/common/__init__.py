"""What every tab shares: the table model, work off the UI thread, dialogs, accessible names."""
