"""Pure Block Kit builders: knowledge and match results in, Slack message dictionaries out.

Nothing here imports slack_bolt or slack_sdk, talks to the network or reads the clock, so every
builder is tested with plain dictionaries and reused by the terminal console.
"""
