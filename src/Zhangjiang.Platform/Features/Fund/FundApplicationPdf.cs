using System.Globalization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Reporting;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// The PDF copy of a submitted application (申报书): what the applicant declared, in the call's form, with the tracking
/// number on every page and each attachment named with its SHA-256, so the copy can be checked against the files later.
/// </summary>
internal static class FundApplicationPdf
{
    public static void Write(
        Stream output, FundApplication application, FundCall call, IReadOnlyList<FormField> form, FundTopic topic, FundApplicantKind kind,
        IReadOnlyList<FundAttachment> attachments, LocalText? park, CultureInfo culture)
    {
        var zh = culture.TwoLetterISOLanguageName == "zh";
        string L(string key, params object[] args) => new UserMessage("FundPdf." + key, args).Render(culture);
        var tracking = application.TrackingNumber ?? "—";

        using var pdf = new PdfWriter(output, $"{L("Title")} {tracking}", $"{tracking} · {application.ApplicantName}");
        pdf.Text(L("Title"), 18, PdfWriter.Primary);
        pdf.Text(zh ? call.TitleZh : string.IsNullOrEmpty(call.TitleEn) ? call.TitleZh : call.TitleEn, 11, PdfWriter.Muted);
        pdf.Space(6);
        float[] pair = [130, 381];
        pdf.Row([L("TrackingNumber"), tracking], pair, size: 10);
        pdf.Row([L("Project"), application.ProjectTitle], pair, size: 10);
        pdf.Row([L("Topic"), zh ? topic.NameZh : topic.NameEn], pair);
        pdf.Row([L("Applicant"), $"{application.ApplicantName}（{application.ApplicantCreditCode}）"], pair);
        pdf.Row([L("Kind"), zh ? kind.NameZh : kind.NameEn], pair);
        pdf.Row([L("Park"), park?.ToString(null, culture) ?? application.ParkCode ?? "—"], pair);
        pdf.Row([L("Requested"), FundMoney.Wan(application.RequestedFen)], pair);
        pdf.Row([L("SelfFunding"), FundMoney.Wan(application.SelfFundingFen)], pair);
        pdf.Row([L("SubmittedAt"), $"{application.SubmittedUtc:yyyy-MM-dd HH:mm} UTC · {application.SubmittedBy}"], pair);

        var answers = FundApplications.Answers(application);
        pdf.Heading(L("Form"));
        foreach (var field in form)
        {
            pdf.Text(zh ? field.LabelZh : string.IsNullOrEmpty(field.LabelEn) ? field.LabelZh : field.LabelEn, 10.5f, PdfWriter.Primary);
            pdf.Text(answers.GetValueOrDefault(field.Key) is { Length: > 0 } answer ? answer : "—", 9.5f);
            pdf.Space(4);
        }

        pdf.Heading(L("Budget"));
        float[] budget = [140, 211, 80, 80];
        pdf.Row([L("Category"), L("Description"), L("FundShare"), L("SelfShare")], budget, header: true, rightAligned: [false, false, true, true]);
        foreach (var line in application.BudgetLines.OrderBy(l => l.Order))
        {
            pdf.Row([line.Category, line.Description ?? "", FundMoney.Wan(line.FundFen), FundMoney.Wan(line.SelfFen)], budget, rightAligned: [false, false, true, true]);
        }
        pdf.Row([L("Total"), "", FundMoney.Wan(application.RequestedFen), FundMoney.Wan(application.SelfFundingFen)], budget, header: true, rightAligned: [false, false, true, true]);

        pdf.Heading(L("Targets"));
        float[] targets = [191, 60, 80, 80, 100];
        pdf.Row([L("Target"), L("Unit"), L("Baseline"), L("TargetValue"), L("DueOn")], targets, header: true, rightAligned: [false, false, true, true, false]);
        foreach (var t in application.Targets.OrderBy(t => t.Order))
        {
            pdf.Row([t.Name, t.Unit, t.Baseline?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—", t.TargetValue.ToString("0.##", CultureInfo.InvariantCulture),
                t.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], targets, rightAligned: [false, false, true, true, false]);
        }

        pdf.Heading(L("Team"));
        float[] team = [90, 100, 160, 161];
        pdf.Row([L("Name"), L("JobTitle"), L("Organisation"), L("Role")], team, header: true);
        foreach (var m in application.Team.OrderBy(m => m.Order))
        {
            pdf.Row([m.Name, m.Title ?? "", m.Organisation ?? "", m.Role ?? ""], team);
        }

        pdf.Heading(L("Attachments"));
        float[] files = [200, 60, 251];
        pdf.Row([L("File"), L("Size"), "SHA-256"], files, header: true);
        foreach (var a in attachments)
        {
            // The digest in two halves so it wraps inside its column.
            pdf.Row([a.FileName, $"{a.Length / 1024.0:0.#} KB", $"{a.Sha256[..32]} {a.Sha256[32..]}"], files, size: 7.5f);
        }
        if (attachments.Count == 0)
        {
            pdf.Text("—", 9);
        }
        pdf.Space(10);
        pdf.Text(L("Declaration"), 9, PdfWriter.Muted);
    }
}
