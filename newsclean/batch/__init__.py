"""Batch runs: many inputs (files, directories, lists), worker processes, reports, learning."""
