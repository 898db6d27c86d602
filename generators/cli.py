"""`portal`: the command administrators run.

    portal build --data DIR --output DIR [--today YYYY-MM-DD] [--report FILE] [--site-url URL]
    portal check --data DIR [--today D] [--report FILE]
    portal sample --out DIR [--decisions N] [--seed S]
    portal rebuild|rollback|releases|serve-trigger|publish|package|install-package  (see generators/ops/cli.py)

Exit status: 0 when the site was built (or the data checked), 1 when not,
2 for wrong arguments.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="portal", description="行政执法公示平台：由执法数据生成静态网站")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="生成网站")
    b.add_argument("--data", required=True, type=Path, help="数据目录（见数据规范）")
    b.add_argument("--output", required=True, type=Path, help="输出目录（成功后整体替换）")
    b.add_argument("--settings", type=Path, default=None, help="Pelican 设置文件（默认 pelicanconf.py）")
    _common(b)
    b.add_argument("--site-url", default=None, help="网站地址，覆盖 SITEURL")

    c = sub.add_parser("check", help="只校验数据，不生成网站")
    c.add_argument("--data", required=True, type=Path)
    _common(c)

    s = sub.add_parser("sample", help="生成示例数据")
    s.add_argument("--out", required=True, type=Path)
    s.add_argument("--decisions", type=int, default=2000)
    s.add_argument("--seed", type=int, default=None)

    from .ops.cli import add_parsers as add_ops_parsers  # rebuild, rollback, serve-trigger, package ...

    add_ops_parsers(sub)
    return p


def _common(p):
    p.add_argument("--today", type=_date, default=None, help="基准日期（默认：上海时区的今天）")
    p.add_argument("--report", type=Path, default=None, help="报告文件（JSON，另附同名 .xlsx）")
    p.add_argument("-q", "--quiet", action="store_true", help="不输出进度")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from .ops.cli import dispatch as ops_dispatch

    code = ops_dispatch(args)
    if code is not None:
        return code
    if args.command == "sample":
        from . import sample_data

        kwargs = {"decisions": args.decisions}
        if args.seed is not None:
            kwargs["seed"] = args.seed
        counts = sample_data.generate(args.out, **kwargs)
        print(counts)
        return 0

    from .build import build

    result = build(
        args.data,
        getattr(args, "output", None),
        today=args.today,
        report_path=args.report,
        site_url=getattr(args, "site_url", None),
        settings_file=getattr(args, "settings", None),
        check_only=args.command == "check",
        quiet=args.quiet,
    )
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
