"""Writes that span models. Views, admin actions, management commands and tasks call these."""
