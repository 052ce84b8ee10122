"""The knowledge model, its loader and the immutable KnowledgeBase. No Slack imports."""
