using SkiaSharp;

namespace Zhangjiang.Platform.Features.Reporting;

/// <summary>
/// A small top-to-bottom layout over SkiaSharp's PDF backend: A4 pages, a cursor, wrapped text, table rows, and the
/// two charts the reports use. The embedded font (a subset of Noto Sans CJK SC) makes Chinese and English render and
/// stay extractable on any machine.
/// </summary>
public sealed class PdfWriter : IDisposable
{
    public const float PageWidth = 595, PageHeight = 842, Margin = 42;
    public const float ContentWidth = PageWidth - 2 * Margin;
    private static readonly Lazy<SKTypeface> Typeface = new(LoadTypeface);
    private readonly SKDocument _document;
    private readonly string _footer;
    private SKCanvas? _canvas;
    private int _page;

    public PdfWriter(Stream output, string title, string footer)
    {
        _document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title, Author = "张江高新区园区治理平台 Zhangjiang Park Governance Platform", Creator = "Zhangjiang.Platform",
            Creation = DateTime.UtcNow, RasterDpi = 150,
        });
        _footer = footer;
        NewPage();
    }

    /// <summary>The distance from the top of the page to where the next element goes.</summary>
    public float Y { get; private set; }

    public static readonly SKColor Ink = new(0x21, 0x21, 0x21), Muted = new(0x75, 0x75, 0x75), Rule = new(0xE0, 0xE0, 0xE0),
        Primary = new(0x1E, 0x4D, 0x8C), Accent = new(0xE0, 0x8A, 0x1E), Good = new(0x2E, 0x7D, 0x32), Bad = new(0xC6, 0x28, 0x28),
        Shade = new(0xF3, 0xF5, 0xF8);

    public void NewPage()
    {
        if (_canvas is not null)
        {
            _document.EndPage();
        }
        _page++;
        _canvas = _document.BeginPage(PageWidth, PageHeight);
        Y = Margin;
        using var font = Font(8);
        using var paint = Paint(Muted);
        _canvas.DrawText($"{_footer} · {_page}", PageWidth / 2, PageHeight - 20, SKTextAlign.Center, font, paint);
    }

    /// <summary>Starts a new page when fewer than <paramref name="height"/> points are left.</summary>
    public void Need(float height)
    {
        if (Y + height > PageHeight - Margin)
        {
            NewPage();
        }
    }

    public void Space(float height) => Y += height;

    /// <summary>Text wrapped to the width (CJK breaks between characters, Latin between words).</summary>
    public void Text(string text, float size = 10, SKColor? color = null, float x = Margin, float width = ContentWidth)
    {
        using var font = Font(size);
        using var paint = Paint(color ?? Ink);
        foreach (var line in Wrap(text, font, width))
        {
            Need(size * 1.5f);
            _canvas!.DrawText(line, x, Y + size, SKTextAlign.Left, font, paint);
            Y += size * 1.5f;
        }
    }

    public void Heading(string text, float size = 13)
    {
        Need(size * 3);
        Space(size * 0.6f);
        Text(text, size, Primary);
        using var paint = Paint(Rule);
        _canvas!.DrawLine(Margin, Y, PageWidth - Margin, Y, paint);
        Space(4);
    }

    /// <summary>One table row; cells are wrapped within their columns, numbers right-aligned when asked.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<float> widths, bool header = false, IReadOnlyList<bool>? rightAligned = null,
        IReadOnlyList<SKColor?>? colors = null, float size = 8.5f)
    {
        using var font = Font(size);
        var lines = cells.Select((c, i) => Wrap(c, font, widths[i] - 6).ToList()).ToList();
        var height = Math.Max(1, lines.Max(l => l.Count)) * size * 1.35f + 5;
        Need(height);
        if (header)
        {
            using var shade = Paint(Shade);
            _canvas!.DrawRect(Margin, Y, widths.Sum(), height, shade);
        }
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            using var paint = Paint(colors?[i] ?? (header ? Muted : Ink));
            var right = rightAligned?[i] == true;
            for (var l = 0; l < lines[i].Count; l++)
            {
                var baseline = Y + 3 + size + l * size * 1.35f;
                _canvas!.DrawText(lines[i][l], right ? x + widths[i] - 3 : x + 3, baseline, right ? SKTextAlign.Right : SKTextAlign.Left, font, paint);
            }
            x += widths[i];
        }
        Y += height;
        using var rule = Paint(Rule);
        _canvas!.DrawLine(Margin, Y, Margin + widths.Sum(), Y, rule);
    }

    /// <summary>A radar (spider) chart of the series over the axes, scale 0–<paramref name="max"/>, with a legend.</summary>
    public void Radar(IReadOnlyList<string> axes, IReadOnlyList<(string Name, SKColor Color, IReadOnlyList<double?> Values)> series, double max, float size = 200)
    {
        Need(size + 40);
        var canvas = _canvas!;
        var cx = PageWidth / 2;
        var cy = Y + size / 2 + 14;
        var r = size / 2;
        using var grid = Paint(Rule, stroke: true);
        using var label = Font(8);
        using var labelPaint = Paint(Muted);
        var n = axes.Count;
        SKPoint At(int i, double fraction)
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * i / n;
            return new SKPoint(cx + (float)(Math.Cos(angle) * r * fraction), cy + (float)(Math.Sin(angle) * r * fraction));
        }
        foreach (var ring in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            using var path = new SKPath();
            for (var i = 0; i < n; i++)
            {
                if (i == 0)
                {
                    path.MoveTo(At(i, ring));
                }
                else
                {
                    path.LineTo(At(i, ring));
                }
            }
            path.Close();
            canvas.DrawPath(path, grid);
        }
        for (var i = 0; i < n; i++)
        {
            canvas.DrawLine(At(i, 0), At(i, 1), grid);
            var p = At(i, 1.12);
            canvas.DrawText(axes[i], p.X, p.Y + 3, p.X < cx - 5 ? SKTextAlign.Right : p.X > cx + 5 ? SKTextAlign.Left : SKTextAlign.Center, label, labelPaint);
        }
        foreach (var (_, color, values) in series)
        {
            using var path = new SKPath();
            for (var i = 0; i < n; i++)
            {
                var point = At(i, Math.Clamp((values[i] ?? 0) / max, 0, 1));
                if (i == 0)
                {
                    path.MoveTo(point);
                }
                else
                {
                    path.LineTo(point);
                }
            }
            path.Close();
            using var fill = Paint(color.WithAlpha(50));
            using var line = Paint(color, stroke: true, width: 1.6f);
            canvas.DrawPath(path, fill);
            canvas.DrawPath(path, line);
        }
        Y += size + 34;
        Legend(series.Select(s => (s.Name, s.Color)).ToList());
    }

    /// <summary>Horizontal bars, one per item, scale 0–<paramref name="max"/>.</summary>
    public void Bars(IReadOnlyList<(string Label, double Value, SKColor Color)> items, double max)
    {
        using var font = Font(8);
        using var text = Paint(Ink);
        const float labelWidth = 110, barHeight = 9;
        foreach (var (name, value, color) in items)
        {
            Need(barHeight + 5);
            _canvas!.DrawText(name, Margin + labelWidth - 4, Y + barHeight - 1, SKTextAlign.Right, font, text);
            using var bar = Paint(color);
            var width = (float)(Math.Clamp(value / max, 0, 1) * (ContentWidth - labelWidth - 40));
            _canvas.DrawRect(Margin + labelWidth, Y, width, barHeight, bar);
            _canvas.DrawText(value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), Margin + labelWidth + width + 4, Y + barHeight - 1, SKTextAlign.Left, font, text);
            Y += barHeight + 5;
        }
    }

    public void Legend(IReadOnlyList<(string Name, SKColor Color)> entries)
    {
        using var font = Font(8);
        using var text = Paint(Ink);
        var x = Margin;
        foreach (var (name, color) in entries)
        {
            using var swatch = Paint(color);
            _canvas!.DrawRect(x, Y, 10, 8, swatch);
            _canvas.DrawText(name, x + 14, Y + 7.5f, SKTextAlign.Left, font, text);
            x += 24 + font.MeasureText(name);
        }
        Y += 16;
    }

    public void Dispose()
    {
        if (_canvas is not null)
        {
            _document.EndPage();
            _canvas = null;
        }
        _document.Close();
        _document.Dispose();
    }

    private static SKFont Font(float size) => new(Typeface.Value, size);

    private static SKPaint Paint(SKColor color, bool stroke = false, float width = 0.6f) => new()
    {
        Color = color, IsAntialias = true, Style = stroke ? SKPaintStyle.Stroke : SKPaintStyle.Fill, StrokeWidth = width,
    };

    private static SKTypeface LoadTypeface()
    {
        using var stream = typeof(PdfWriter).Assembly.GetManifestResourceStream("Zhangjiang.Platform.fonts.report.otf")
            ?? throw new InvalidOperationException("The report font is missing from the build.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The report font cannot be read.");
    }

    /// <summary>Greedy line breaking: CJK characters break anywhere, other text at spaces (a long word is cut).</summary>
    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        foreach (var paragraph in (text ?? "").Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var token in Tokens(paragraph))
            {
                var candidate = line.ToString() + token;
                if (line.Length > 0 && font.MeasureText(candidate) > width)
                {
                    yield return line.ToString().TrimEnd();
                    line.Clear();
                    line.Append(token.TrimStart());
                }
                else
                {
                    line.Append(token);
                }
            }
            yield return line.ToString();
        }
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var word = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            var cjk = c >= 0x2E80;
            if (cjk || c == ' ')
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                yield return c.ToString();
            }
            else
            {
                word.Append(c);
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
