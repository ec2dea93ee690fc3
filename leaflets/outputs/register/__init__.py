"""The record of leaflets given to patients (issue 22): who received which version, in which
language and format, and the exact PDF, in SQLite or a clinic's shared PostgreSQL.

It is kept outside the project, in the user's data folder by default: nothing here writes a
patient reference into the project, its output folder or a log."""
