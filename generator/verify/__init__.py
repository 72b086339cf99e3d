"""Reading outputs back: every step, caveat and tag of a handout, an email and a message."""
