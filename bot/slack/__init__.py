"""Readout on Slack. Only the modules that serve Slack (app, listeners, server) import slack_bolt;
the rest of the package (incoming text, replies, the console) runs without it."""
