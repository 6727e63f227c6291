"""Presenting results: tables (terminal, CSV, JSON, Markdown), the HTML network page, the report."""
