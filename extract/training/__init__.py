"""Training data and scripts for the project's own NER model (team-written text only)."""
