"""The batch engine: the same rule trees interpreted over columns of many cases (Arrow in, Arrow out)."""
