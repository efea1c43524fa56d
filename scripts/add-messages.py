#!/usr/bin/env python3
"""Adds or replaces platform messages in Messages.resx (en) and Messages.zh-CN.resx.

Usage: scripts/add-messages.py FILE.tsv  — each line: key<TAB>zh-CN text<TAB>en text.
"""
import sys
from xml.sax.saxutils import escape

ROOT = "src/Zhangjiang.Platform/Resources/"


def put(path, key, text):
    s = open(path, encoding="utf-8").read()
    line = f'  <data name="{key}" xml:space="preserve"><value>{escape(text)}</value></data>\n'
    start = s.find(f'<data name="{key}" ')
    if start >= 0:
        begin = s.rfind("\n", 0, start) + 1
        end = s.find("</data>", start) + len("</data>\n")
        s = s[:begin] + line + s[end:]
    else:
        s = s.replace("</root>", line + "</root>")
    open(path, "w", encoding="utf-8").write(s)


for row in open(sys.argv[1], encoding="utf-8"):
    if not row.strip():
        continue
    key, zh, en = row.rstrip("\n").split("\t")
    put(ROOT + "Messages.zh-CN.resx", key, zh)
    put(ROOT + "Messages.resx", key, en)
