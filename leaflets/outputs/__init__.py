"""Plan and run a build and write its results: PDFs and manifest, web site, emails, evidence packs."""
