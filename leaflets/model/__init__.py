"""Turn what was read into the validated model of a project: leaflets, brands, translations, reviews."""
