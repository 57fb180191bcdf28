"""Scheduled crawls (APScheduler); built in a later issue."""
