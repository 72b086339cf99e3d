"""Running the stages: parse, check, render, verify and publish, for every command."""
