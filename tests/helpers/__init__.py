"""What the tests share, imported one way: ``from helpers.<module> import ...``.

``guides`` (the test guides, the frozen day), ``cli`` (the one runner of the ``guide``
command), ``handouts``, ``email``, ``links``, ``structure``, ``workshop``, ``sending`` and
``mailserver`` (a real SMTP server), ``browser`` (Debian's Chromium through Playwright),
``preview`` (a real preview process), ``site`` (the web edition's test guides, a loopback
server for a built site, and its checkers' files).
"""
