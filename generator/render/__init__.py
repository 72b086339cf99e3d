"""Renderers: each takes the Guide model and produces one kind of output."""
