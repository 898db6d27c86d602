"""Operations: releases, atomic switch, incremental rebuilds, change files,
the rebuild trigger, and packages for one-way gateways (issue 6).

A *root* directory holds everything one site's operations need::

    ROOT/
      current -> releases/<id>     the web root (a symlink, switched atomically)
      releases/<id>/               complete, audited releases (the last few kept)
      releases/.tmp-<id>-<pid>/    a release being built (removed on the next run)
      state/<id>.json              per release: manifest (path -> sha256, size),
                                   decision index, audit state (never served)
      cache/tables/                parsed input files, keyed by SHA-256
      reports/                     build reports (never served)
      audit.log                    one JSON line per rebuild / rollback / install
      status.json                  the last rebuild, for `GET /status`
      .lock  .pending  .building   lock, coalesced follow-up request, holder info

Only `releases/<id>/` (through `current`) is ever served; see
docs/operations.md.
"""
