"""Branded patient-information leaflets for MS clinics: YAML content to PDF."""

__version__ = "0.1.0"
