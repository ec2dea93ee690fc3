"""The workflow of each command of build.py, one module per command.

`leaflets/cli/` only parses the command line into one `Options` (options.py) and calls the
command's workflow here; the workflows wire the stages together (sources -> model -> render ->
outputs). problems.py decides what stops the build, `check` and `--release`, and messages.py
turns a failure into a few plain lines and an exit status.
"""
