"""``guide send``: personalised emails to relatives, an outbox, SMTP delivery and a journal."""
