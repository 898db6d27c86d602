"""Pipeline stages of the portal. Nothing here imports Pelican."""
