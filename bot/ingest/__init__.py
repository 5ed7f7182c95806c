"""Reading articles from every source, feeds and their polling, cleaning, near duplicates, storing."""
