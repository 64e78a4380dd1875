"""Text reports and pictures for people."""
