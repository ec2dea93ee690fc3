"""Branded patient-information leaflets for MS clinics: YAML content to PDF."""

from pathlib import Path

__version__ = "0.1.0"
ROOT = Path(__file__).resolve().parent.parent  # the project folder: content/, templates/, styles/, build/
