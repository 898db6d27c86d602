"""A description of the machine and the tools' versions, for the report."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata


def _first(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "n/a"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "n/a"


def _mem_gb() -> float:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    return 0.0


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "n/a"


def describe() -> dict:
    debian = ""
    try:
        debian = open("/etc/debian_version").read().strip()
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": _mem_gb(),
        "kernel": platform.release(),
        "debian": debian,
        "python": sys.version.split()[0],
        "pelican": _version("pelican"),
        "jinja2": _version("Jinja2"),
        "lunr.py": _version("lunr"),
        "pyahocorasick": _version("pyahocorasick"),
        "hugo": _first(["hugo", "version"]).split("+")[0].replace("hugo ", ""),
        "pagefind": _first([sys.executable, "-m", "pagefind", "--version"]).replace("pagefind ", ""),
        "chromium": _first(["chromium", "--version"]),
    }


def load() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])
