"""Scheduled work: deadline digests, reminders, knowledge-base refresh."""
