#!/usr/bin/python3
"""Builds the font the PDF reports embed: Noto Sans CJK SC Regular (SIL Open Font License 1.1), cut down to Latin,
punctuation, the GB 2312 characters and every character in the platform's seed data and UI texts.
Needs the Debian packages fonts-noto-cjk and python3-fonttools (development only; the result is committed).
    /usr/bin/python3 scripts/make-report-font.py"""
import glob, os
from fontTools.ttLib import TTCollection
from fontTools import subset

root = os.path.join(os.path.dirname(__file__), "..")
source = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
out = os.path.join(root, "src", "Zhangjiang.Platform", "Features", "Reporting", "Fonts", "NotoSansSC-Report.otf")

chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2000, 0x2070)) | set(range(0x2190, 0x2200))
chars |= set(range(0x2200, 0x2300)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {0x2103, 0x2116, 0x2160, 0x2161, 0x2162}
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars |= {ord(c) for c in bytes([hi, lo]).decode("gb2312")}
        except UnicodeDecodeError:
            pass
for path in glob.glob(os.path.join(root, "data", "seed", "*.json")) + glob.glob(os.path.join(root, "src", "*", "Resources", "*.resx")):
    chars |= {ord(c) for c in open(path, encoding="utf-8").read() if ord(c) > 0x7F}

font = TTCollection(source).fonts[2]  # the collection's Simplified Chinese face
options = subset.Options()
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.notdef_outline = True
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=sorted(chars))
subsetter.subset(font)
font.save(out)
print(f"{len(chars)} characters, {os.path.getsize(out):,} bytes -> {out}")
