"""Read the project's files: YAML with the line of every value, message catalogs, logos and fonts."""
