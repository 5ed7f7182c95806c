"""Turning answers into Telegram HTML messages (and plain text for the terminal)."""
