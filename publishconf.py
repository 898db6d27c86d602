"""Production settings: imports pelicanconf and overrides what differs."""
import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: F401,F403,E402

SITEURL = os.environ.get("PORTAL_SITEURL", "https://zfgs.example.gov.cn")
PORTAL_ABSOLUTE_URL = SITEURL
RELATIVE_URLS = False
PORTAL_TODAY = None  # production: today in Asia/Shanghai unless --today is given
DELETE_OUTPUT_DIRECTORY = False
