"""Plain types and pure helpers every layer shares; imports only the standard library."""
