"""newsbrief: a Telegram bot that reads the news for its users."""
