"""FieldKit's Qt GUI (PySide6). Imports the core; the core never imports this."""
