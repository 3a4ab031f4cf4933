"""The digest domain: due lists and filters, recurrence, working days, the weekly schedule, /subscribe options, .ics."""
