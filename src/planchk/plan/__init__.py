"""The plan: its file format (schema), loading, revisions, the data contract it sets, lint and diff."""
