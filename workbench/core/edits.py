"""Edits of a parallel text: each is a list of patches computed up front; see history.py."""
