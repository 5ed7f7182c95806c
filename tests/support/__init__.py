"""Helpers the tests share: a fake web site, a fake Telegram Bot API, and Telegram's HTML rules."""
