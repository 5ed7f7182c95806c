"""The daily brief: stories clustered from recent articles, composed per chat, delivered once."""
