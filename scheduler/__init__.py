"""Scheduled crawls: the APScheduler service (`service.py`), its jobs and job store (`jobs.py`), one crawl
per process (`worker.py`, over `launch.run_crawl`), and who holds what (`locks.py`)."""
