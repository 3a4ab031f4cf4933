"""PlanBot wiring: settings, storage, the service layer, rendering, CLI, console and Telegram app."""
