"""Command line: options → run → render."""
