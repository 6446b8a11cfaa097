"""Following live sources: addresses made canonical (urls.py), every request polite and
bounded (client.py), and what a fetched feed, sitemap or home page lists (listing.py).

Nothing here touches the store: ``run/watch.py`` keeps each source's state and decides
what to fetch next.
"""
