"""Listener families; each has `register(app, deps)` and keeps its handlers short: ack, read the
payload, build the reply with bot.slack.replies, make one Slack call."""
