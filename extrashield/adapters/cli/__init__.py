"""The command line (`extrashield`). Each command group lives in its own module; heavy libraries are
imported inside the commands, so that start-up stays fast."""
