"""The store's schema revisions, oldest first; each freezes its tables as they were written."""
