"""Entries to a published index generation: plan, write (in workers), derive, publish."""
