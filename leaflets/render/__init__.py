"""Render the model to HTML and then to PDF, finished for screen readers, print shops and booklets."""
