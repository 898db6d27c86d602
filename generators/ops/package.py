"""Getting a release to the public web server.

- `portal publish`: `rsync -a --delete --delay-updates` of `current/` to a
  remote directory, so files a release removed disappear there too.
- `portal package` / `portal install-package`: for intranets that reach the
  public server only through a one-way gateway (网闸). The archive is a
  deterministic tar.gz (members sorted, owner 0/0, fixed modes, the files'
  own mtimes, gzip header without name or time): packaging a release again
  gives the same bytes. The mtimes are the release's (unchanged files keep
  theirs across releases), not one fixed date: web servers derive ETags from
  mtime and size, and two same-size versions of a page with one date would
  share an ETag.

      portal-release/RELEASE.json   release id, previous id, file count, manifest hash,
                                    decisions shown (for rollback checks on the far side)
      portal-release/SHA256SUMS     "<sha256>  <path>" per file, sorted (sha256sum -c format)
      portal-release/site/<path>    the files

  Beside it, FILE.sha256 holds the archive's own SHA-256; send it (or read
  it out) through a separate channel. install-package verifies that hash,
  then every member against SHA256SUMS (no missing, extra, unsafe or
  non-regular members), builds a new release directory containing exactly
  the manifest's files (unchanged files hard-linked from the current
  release), and switches `current` atomically.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from .inputs import file_sha256
from .release import diff, link_unchanged, manifest
from .root import RELEASE_ID, SHANGHAI, Root, describe_holder

PREFIX = "portal-release"
FORMAT = 1
EXIT_OK, EXIT_FAILED, EXIT_BUSY = 0, 1, 75


class PackageError(Exception):
    pass


def _say(msg: str) -> None:
    print(msg, file=sys.stderr)


# -- publish (rsync) ----------------------------------------------------------

def publish(root_dir: Path, dest: str, *, dry_run: bool = False, rsync: str = "rsync") -> int:
    root = Root(root_dir)
    rid = root.current_id()
    if not rid:
        _say(f"{root.path} 没有当前版本；先运行 portal rebuild")
        return EXIT_FAILED
    src = str(root.release_dir(rid)) + "/"
    cmd = [rsync, "-a", "--delete", "--delay-updates", "--hard-links", "--omit-dir-times", "--itemize-changes"]
    if dry_run:
        cmd.append("--dry-run")
    cmd += [src, dest]
    _say("运行：" + " ".join(cmd))
    if shutil.which(rsync) is None:
        _say(f"找不到 {rsync}；请安装 rsync（apt-get install rsync）")
        return EXIT_FAILED
    code = subprocess.call(cmd)
    if not dry_run:
        root.log({"action": "publish", "result": "ok" if code == 0 else "failed", "release": rid,
                  "dest": dest, "rsync_exit": code})
    return EXIT_OK if code == 0 else EXIT_FAILED


# -- package ------------------------------------------------------------------

def _tarinfo(name: str, size: int, mtime: int, mode: int = 0o644) -> tarfile.TarInfo:
    ti = tarfile.TarInfo(name)
    ti.size = size
    ti.mtime = mtime
    ti.mode = mode
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = ""
    ti.type = tarfile.REGTYPE
    return ti


def sums_text(files: dict) -> bytes:
    return "".join(f"{digest}  {path}\n" for path, (digest, _size) in sorted(files.items())).encode("utf-8")


def package(root_dir: Path, out: Path, *, release: str | None = None) -> int:
    root = Root(root_dir)
    rid = release or root.current_id()
    if not rid or not root.release_dir(rid).is_dir():
        _say(f"没有可打包的版本（{rid or '无当前版本'}）")
        return EXIT_FAILED
    directory = root.release_dir(rid)
    files, odd = manifest(directory)
    if odd:
        _say(f"版本 {rid} 含有非普通文件，拒绝打包：{odd[0]}")
        return EXIT_FAILED
    state = root.state(rid) or {}
    if state.get("files") and state["files"] != files:
        _say(f"版本 {rid} 的文件与其清单不符（被改动过？），拒绝打包")
        return EXIT_FAILED
    sums = sums_text(files)
    today = state.get("today")
    stamp = int(dt.datetime.combine(dt.date.fromisoformat(today), dt.time(), SHANGHAI).timestamp()) if today else 0
    meta = {
        "format": FORMAT, "release": rid, "previous": state.get("previous"), "today": today,
        "files": len(files), "bytes": sum(s for _, s in files.values()),
        "manifest_sha256": hashlib.sha256(sums).hexdigest(),
        "decisions": {"visible": (state.get("decisions") or {}).get("visible", {})},
    }
    meta_bytes = (json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    out = Path(out).resolve()
    if out.is_relative_to(root.releases):
        _say("包不能写在版本目录内")
        return EXIT_FAILED
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
                with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    tar.addfile(_tarinfo(f"{PREFIX}/RELEASE.json", len(meta_bytes), stamp), io.BytesIO(meta_bytes))
                    tar.addfile(_tarinfo(f"{PREFIX}/SHA256SUMS", len(sums), stamp), io.BytesIO(sums))
                    for path, (_digest, size) in sorted(files.items()):
                        p = directory / path
                        with open(p, "rb") as f:
                            tar.addfile(_tarinfo(f"{PREFIX}/site/{path}", size, int(p.stat().st_mtime)), f)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    digest = file_sha256(out)
    Path(str(out) + ".sha256").write_text(f"{digest}  {out.name}\n", encoding="utf-8")
    root.log({"action": "package", "result": "ok", "release": rid, "file": str(out), "sha256": digest,
              "files": len(files)})
    _say(f"已打包 {rid}：{out}（{len(files)} 个文件）\nSHA-256 {digest}（另见 {out.name}.sha256，请经其他渠道核对）")
    return EXIT_OK


# -- install-package ------------------------------------------------------------

def _safe_path(rel: str) -> bool:
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel:
        return False
    parts = rel.split("/")
    return all(p not in ("", ".", "..") for p in parts) and posixpath.normpath(rel) == rel


def _parse_sums(data: bytes) -> dict[str, str]:
    out = {}
    for n, line in enumerate(data.decode("utf-8").splitlines(), 1):
        digest, sep, path = line.partition("  ")
        if not sep or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise PackageError(f"SHA256SUMS 第 {n} 行格式错误")
        if not _safe_path(path):
            raise PackageError(f"SHA256SUMS 含有不安全的路径：{path!r}")
        if path in out:
            raise PackageError(f"SHA256SUMS 重复列出 {path}")
        out[path] = digest
    return out


def expected_archive_hash(file: Path, given: str | None) -> str | None:
    if given:
        return given.strip().lower()
    side = Path(str(file) + ".sha256")
    if side.is_file():
        return side.read_text(encoding="utf-8").split()[0].lower()
    return None


def unpack_verified(file: Path, staging: Path) -> tuple[dict, dict[str, str], dict[str, int]]:
    """Extract into `staging`, verifying everything. Returns (meta, sums, mtimes)."""
    meta = sums = None
    seen: dict[str, str] = {}
    mtimes: dict[str, int] = {}
    with tarfile.open(file, mode="r:gz") as tar:
        for member in tar:
            name = member.name
            if not member.isreg():
                raise PackageError(f"包内有非普通文件成员：{name!r}")
            if name == f"{PREFIX}/RELEASE.json":
                meta = json.loads(tar.extractfile(member).read().decode("utf-8"))
                continue
            if name == f"{PREFIX}/SHA256SUMS":
                data = tar.extractfile(member).read()
                sums = _parse_sums(data)
                if meta is None or hashlib.sha256(data).hexdigest() != meta.get("manifest_sha256"):
                    raise PackageError("SHA256SUMS 与 RELEASE.json 中记录的清单哈希不符")
                continue
            if sums is None:
                raise PackageError("包的开头应为 RELEASE.json 和 SHA256SUMS")
            if not name.startswith(f"{PREFIX}/site/"):
                raise PackageError(f"包内有多余的成员：{name!r}")
            rel = name[len(f"{PREFIX}/site/"):]
            if not _safe_path(rel):
                raise PackageError(f"包内有不安全的路径：{name!r}")
            if rel not in sums:
                raise PackageError(f"文件不在清单中：{rel}")
            if rel in seen:
                raise PackageError(f"文件在包内出现两次：{rel}")
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            h = hashlib.sha256()
            src = tar.extractfile(member)
            with open(target, "xb") as out:
                while block := src.read(1 << 20):
                    h.update(block)
                    out.write(block)
            if h.hexdigest() != sums[rel]:
                raise PackageError(f"校验和不符：{rel}")
            seen[rel] = h.hexdigest()
            mtimes[rel] = int(member.mtime)
    if meta is None or sums is None:
        raise PackageError("包内缺少 RELEASE.json 或 SHA256SUMS")
    missing = sorted(set(sums) - set(seen))
    if missing:
        raise PackageError(f"清单中的 {len(missing)} 个文件不在包内，例如 {missing[0]}")
    if not RELEASE_ID.match(str(meta.get("release", ""))):
        raise PackageError("RELEASE.json 中的版本号无效")
    return meta, sums, mtimes


def install_package(file: Path, root_dir: Path, *, expected_sha256: str | None = None, keep: int = 5,
                    trigger: str = "") -> int:
    file = Path(file)
    root = Root(root_dir)
    root.ensure()
    if not root.acquire(wait=False, action="安装包", trigger=trigger):
        _say(f"{describe_holder(root.holder() or {})}；请稍后再安装。")
        return EXIT_BUSY
    staging = None
    entry = {"action": "install", "trigger": trigger, "file": str(file), "previous": root.current_id()}
    try:
        root.cleanup()
        want = expected_archive_hash(file, expected_sha256)
        if want is None:
            _say(f"警告：没有 {file.name}.sha256，也没有 --sha256：只能按包内清单校验")
        else:
            have = file_sha256(file)
            if have != want:
                raise PackageError(f"包的 SHA-256 不符：应为 {want}，实为 {have}")
        staging = root.releases / f".tmp-install-{os.getpid()}"
        staging.mkdir(parents=True)
        meta, sums, mtimes = unpack_verified(file, staging)
        rid = meta["release"]
        if root.release_dir(rid).exists():
            if rid == root.current_id():
                _say(f"版本 {rid} 已经是当前版本")
                root.log({**entry, "result": "unchanged", "release": rid})
                return EXIT_OK
            raise PackageError(f"版本 {rid} 已存在（未启用）；如需切换请用 portal rollback --to {rid}")
        for rel, mtime in mtimes.items():
            os.utime(staging / rel, (mtime, mtime))
        files, odd = manifest(staging)
        if odd or set(files) != set(sums) or any(files[p][0] != sums[p] for p in sums):
            raise PackageError("解包结果与清单不符")
        prev_id = root.current_id()
        prev_state = root.state(prev_id)
        d = diff(prev_state.get("files") if prev_state else None, files)
        if prev_state:
            link_unchanged(staging, root.release_dir(prev_id), d.unchanged, prev_state["files"])
        root.write_state(rid, {"release": rid, "seq": int(rid.split("-")[1]), "previous": prev_id,
                               "today": meta.get("today"), "installed_from": str(file), "files": files,
                               "decisions": meta.get("decisions") or {}, "source_previous": meta.get("previous")})
        os.rename(staging, root.release_dir(rid))
        staging = None
        root.switch(rid)
        pruned = root.prune(keep)
        result = root.log({**entry, "result": "ok", "release": rid, "current": rid,
                           "files": d.counts(), "pruned": pruned})
        root.write_status(result)
        _say(f"已安装并切换到 {rid}：新增 {len(d.added)}，变更 {len(d.changed)}，删除 {len(d.removed)}，"
             f"未变 {len(d.unchanged)}")
        return EXIT_OK
    except (PackageError, tarfile.TarError, OSError, ValueError, EOFError) as exc:
        _say(f"安装失败，当前版本保持不变（{root.current_id() or '无'}）：{exc}")
        result = root.log({**entry, "result": "failed", "error": str(exc)[:300]})
        root.write_status(result)
        return EXIT_FAILED
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        root.release_lock()
