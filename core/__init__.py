"""Your code. Each file starts as stubs; the lessons tell you what to write."""
