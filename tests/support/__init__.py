"""Helpers shared by the tests (fakes, hand-built knowledge bases, signed requests, the Slack
mock, serving, waiting), imported as `tests.support.<module>`."""
