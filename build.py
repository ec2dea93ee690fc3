#!/usr/bin/env python3
"""Build the leaflets: `python build.py --help` lists the options."""

from leaflets.cli import run

if __name__ == "__main__":
    run()
