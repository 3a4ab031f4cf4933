"""Telegram handlers: thin front ends over the service layer."""
