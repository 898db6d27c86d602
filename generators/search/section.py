"""The search section: /search/ and its index files, from the site model.

Only published decisions and withdrawal notices (by number only) enter the
index; officers with their public fields and certificate state.
"""
from __future__ import annotations

from ..background import Job
from ..pages import Output, Page
from . import write_search_index


def search_docs(model) -> list[dict]:
    docs = []
    for v in model.decisions:
        summary = v["result"] if v["result"] != "依法不予公开" else ""
        docs.append({
            "id": v["slug"], "url": v["url"], "kind": "decision", "decision_no": v["decision_no"],
            "target_name": v["target_name"] if v["target_name"] != "依法不予公开" else "",
            "target_code": v["target_code"] if v["target_code"] != "依法不予公开" else "",
            "agency": v["agency"], "category": v["category"], "year": v["year"],
            "date": v["decision_date"], "fine_yuan": v["fine_yuan"],
            "penalty_types": [p for p in v["penalty_types"] if p != "依法不予公开"],
            "summary": summary[:80],
        })
    for n in model.notices:
        docs.append({"id": n["slug"], "url": n["url"], "kind": "notice", "decision_no": n["decision_no"],
                     "target_name": "", "target_code": "", "agency": n["agency"], "category": "",
                     "year": 0, "date": n["date"], "fine_yuan": None, "penalty_types": [], "summary": ""})
    return docs


def search_officers(model, ds) -> list[dict]:
    from ..exante.model import officer_view

    out = []
    for values in model.officers:
        o = officer_view(values, ds.today)
        # The browser flags a 有效 certificate whose valid_until has passed.
        out.append({"name": o["name"], "cert_no": o["cert_no"], "agency": o["agency"], "domain": o["domain"],
                    "status": o["status"] if o["status"] in ("有效", "暂扣", "注销") else "暂扣",
                    "valid_until": o["valid_until"], "url": o["url"]})
    return out


def section(model, ds, settings: dict) -> Output:
    """/search/ now; the index files (search/...) from a background job."""
    out = Output()
    out.pages.append(Page("search/", "search.html", {}))
    out.jobs.append(Job("生成搜索索引", write_search_index, search_docs(model), search_officers(model, ds),
                        prefix="search/", workdir=settings.get("OUTPUT_PATH")))
    return out


section.starts_job = True
