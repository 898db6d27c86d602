"""The operations subcommands of `portal` (registered by generators/cli.py).

    portal rebuild --data DIR --root DIR [--today D] [--report FILE] [--site-url URL]
                   [--settings FILE] [--trigger WHO] [--wait] [--force] [--keep N]
    portal rollback --root DIR [--to ID] [--force] [--wait]
    portal releases --root DIR
    portal serve-trigger --root DIR --data DIR --token-file FILE [--bind 127.0.0.1] [--port 8787]
    portal publish --root DIR --dest RSYNC-TARGET [--dry-run]
    portal package --root DIR --out FILE [--release ID]
    portal install-package --file FILE --root DIR [--sha256 HEX] [--keep N]

Exit status: 0 done (or nothing to do), 1 failed (the live site unchanged),
2 wrong arguments, 75 another rebuild is running (the request was queued
as its follow-up; see --wait).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path

from .root import DEFAULT_KEEP

COMMANDS = ("rebuild", "rollback", "releases", "serve-trigger", "publish", "package", "install-package")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def default_keep() -> int:
    try:
        return max(1, int(os.environ.get("PORTAL_KEEP_RELEASES", DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def _build_options(p, *, data_required=True):
    p.add_argument("--data", required=data_required, type=Path, help="数据目录（见数据规范）")
    p.add_argument("--root", required=True, type=Path, help="运维根目录（releases/、current 等）")
    p.add_argument("--site-url", default=None, help="网站地址，覆盖 SITEURL")
    p.add_argument("--settings", type=Path, default=None, help="Pelican 设置文件（默认 pelicanconf.py）")
    p.add_argument("--keep", type=int, default=default_keep(),
                   help=f"保留最近几个版本（默认 {DEFAULT_KEEP}，或环境变量 PORTAL_KEEP_RELEASES）")


def add_parsers(sub) -> None:
    r = sub.add_parser("rebuild", help="构建新版本，审查通过后原子切换（运维）")
    _build_options(r)
    r.add_argument("--today", type=_date, default=None, help="基准日期（默认：上海时区的今天）")
    r.add_argument("--report", type=Path, default=None, help="报告文件（JSON，另附同名 .xlsx）")
    r.add_argument("--trigger", default=None, help="触发者（写入审计日志），如 systemd-timer、张三")
    r.add_argument("--wait", action="store_true", help="已有重建在进行时排队等待，而不是登记后续重建后退出")
    r.add_argument("--force", action="store_true", help="即使输入未变化也构建新版本")
    r.add_argument("-q", "--quiet", action="store_true", help="不输出进度")

    b = sub.add_parser("rollback", help="切换回上一个版本（运维）")
    b.add_argument("--root", required=True, type=Path)
    b.add_argument("--to", default=None, help="指定版本号（默认：当前版本之前的一个）")
    b.add_argument("--force", action="store_true", help="即使目标版本会重新公开已撤下的决定也回滚")
    b.add_argument("--wait", action="store_true", help="有任务进行时排队等待")
    b.add_argument("--trigger", default=None)
    b.add_argument("-q", "--quiet", action="store_true")

    ls = sub.add_parser("releases", help="列出版本和最近的构建（运维）")
    ls.add_argument("--root", required=True, type=Path)
    ls.add_argument("--json", action="store_true")

    t = sub.add_parser("serve-trigger", help="管理员触发重建的 HTTP 接口（运维）")
    _build_options(t)
    t.add_argument("--token-file", required=True, type=Path, help="令牌文件（仅属主可读）")
    t.add_argument("--bind", default="127.0.0.1", help="监听地址（默认仅本机 127.0.0.1）")
    t.add_argument("--port", type=int, default=8787)

    pb = sub.add_parser("publish", help="用 rsync --delete 把当前版本同步到网站服务器（运维）")
    pb.add_argument("--root", required=True, type=Path)
    pb.add_argument("--dest", required=True, help="rsync 目标，如 www@web1:/srv/www/portal/")
    pb.add_argument("--dry-run", action="store_true", help="只列出将要做的改动")
    pb.add_argument("--rsync", default="rsync", help="rsync 程序")

    pk = sub.add_parser("package", help="把一个版本打包（含 SHA-256 清单），用于网闸单向传输（运维）")
    pk.add_argument("--root", required=True, type=Path)
    pk.add_argument("--out", required=True, type=Path, help="输出文件（.tar.gz），旁边另写 .sha256")
    pk.add_argument("--release", default=None, help="版本号（默认：当前版本）")

    ip = sub.add_parser("install-package", help="校验并原子安装 portal package 生成的包（运维）")
    ip.add_argument("--file", required=True, type=Path)
    ip.add_argument("--root", required=True, type=Path)
    ip.add_argument("--sha256", default=None, help="包的 SHA-256（经其他渠道获得）；默认读取旁边的 .sha256 文件")
    ip.add_argument("--keep", type=int, default=default_keep())
    ip.add_argument("--trigger", default=None)


def dispatch(args) -> int | None:
    """Run an operations command; None when `args.command` is not one of ours."""
    if args.command not in COMMANDS:
        return None
    if args.command == "rebuild":
        from .rebuild import Request, rebuild

        req = Request(data=str(args.data.resolve()), today=args.today.isoformat() if args.today else None,
                      site_url=args.site_url, settings=str(args.settings.resolve()) if args.settings else None,
                      trigger=args.trigger or "", force=args.force, keep=args.keep)
        return rebuild(args.root, req, wait=args.wait, report_path=args.report, quiet=args.quiet)
    if args.command == "rollback":
        from .rebuild import default_trigger
        from .rollback import do_rollback
        from .root import Root

        return do_rollback(Root(args.root), to=args.to, force=args.force, trigger=args.trigger or default_trigger(),
                           wait=args.wait, quiet=args.quiet)
    if args.command == "releases":
        from .root import Root

        status = Root(args.root).status()
        if args.json:
            print(json.dumps(status, ensure_ascii=False, indent=1))
        else:
            for rid in status["releases"]:
                print(("* " if rid == status["current"] else "  ") + rid)
            last = status.get("last_build") or {}
            if last:
                print(f"最近一次构建：{last.get('when')} {last.get('result')} 触发者 {last.get('trigger')}"
                      + (f" 错误：{last.get('error')}" if last.get("error") else ""))
            if status["running"]:
                print(f"正在进行：{status['running_trigger']}（{status['running_since']} 开始）")
        return 0
    if args.command == "serve-trigger":
        from .trigger import serve

        return serve(args)
    if args.command == "publish":
        from .package import publish

        return publish(args.root, args.dest, dry_run=args.dry_run, rsync=args.rsync)
    if args.command == "package":
        from .package import package

        return package(args.root, args.out, release=args.release)
    if args.command == "install-package":
        from .package import install_package
        from .rebuild import default_trigger

        return install_package(args.file, args.root, expected_sha256=args.sha256, keep=args.keep,
                               trigger=args.trigger or default_trigger())
    return None

