using System.Globalization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Reporting;

namespace Zhangjiang.Platform.Features.Linkage;

/// <summary>
/// The urging notice (督办单) as a printable page: its number, the item, the unit it is addressed to, the reason, the date
/// the answer is due, who issued it and — once given — the answer, so it can be filed or sent on paper as well.
/// </summary>
internal static class UrgingNoticePdf
{
    public static void Write(Stream output, LinkageDetail item, LinkageUrgingView urging, CultureInfo culture)
    {
        var zh = culture.TwoLetterISOLanguageName == "zh";
        string L(string key, params object[] args) => new UserMessage("UrgingPdf." + key, args).Render(culture);
        string Unit(UnitRef unit) => zh || unit.NameEn.Length == 0 ? unit.NameZh : unit.NameEn;
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var pdf = new PdfWriter(output, $"{L("Title")} {urging.Number}", $"{urging.Number} · {item.Number}");
        pdf.Text(L("Title"), 20, PdfWriter.Primary);
        pdf.Text(L("Subtitle"), 10, PdfWriter.Muted);
        pdf.Space(8);
        float[] pair = [130, 381];
        pdf.Row([L("Number"), urging.Number], pair, size: 10.5f);
        pdf.Row([L("To"), Unit(urging.Unit)], pair, size: 10.5f);
        pdf.Row([L("Item"), $"{item.Number} {(zh || item.TitleEn.Length == 0 ? item.TitleZh : item.TitleEn)}"], pair);
        var lead = item.Units.FirstOrDefault(u => u.Role == LinkageUnitRole.Lead);
        pdf.Row([L("Lead"), lead is null ? "—" : Unit(lead.Unit)], pair);
        pdf.Row([L("DueOn"), Day(item.DueOn)], pair);
        pdf.Row([L("RespondBy"), Day(urging.RespondBy)], pair);
        pdf.Row([L("Issued"), $"{ShanghaiTime.Moment(urging.IssuedUtc)} · {urging.IssuedBy}"], pair);

        pdf.Heading(L("Reason"));
        pdf.Text(urging.Reason, 10.5f);
        if (item.Deadlines.Any(d => d.DaysLeft < 0))
        {
            pdf.Heading(L("Overdue"));
            foreach (var d in item.Deadlines.Where(d => d.DaysLeft < 0))
            {
                pdf.Text($"· {(d.Unit is null ? d.What : Unit(d.Unit) + " — " + d.What)}: {Day(d.DueOn)} ({L("DaysLate", -d.DaysLeft)})", 9.5f);
            }
        }
        pdf.Heading(L("Response"));
        pdf.Text(urging.Response ?? L("NoResponse"), 10.5f);
        if (urging.RespondedUtc is { } answered)
        {
            pdf.Text($"{ShanghaiTime.Moment(answered)} · {urging.RespondedBy}", 9.5f, PdfWriter.Muted);
        }
        pdf.Space(24);
        pdf.Text(L("Office"), 10.5f, x: PdfWriter.Margin + 300, width: PdfWriter.ContentWidth - 300);
        pdf.Text(ShanghaiTime.DayText(urging.IssuedUtc), 10.5f, x: PdfWriter.Margin + 300, width: PdfWriter.ContentWidth - 300);
    }
}
