using System.Net;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Tests.Shared.Web;

/// <summary>The fund steps many API tests start from: a funded, opened call, and a complete application form.</summary>
public static class FundSteps
{
    /// <summary>Sets each of the rules' topics' budget for the call's year, drafts the call and opens it.</summary>
    public static async Task<FundCallDetail> OpenCallAsync(Browser city, FundCallInput input, long budgetFen = 10_000_000_00)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(input);
        foreach (var topic in (input.Rules ?? throw new ArgumentException("The call's rules name the topics to fund.", nameof(input))).Topics)
        {
            await ApiAnswers.Ok(city.PutJsonAsync($"/api/v1/fund/topics/{topic.TopicCode}/budgets/{input.Year}", new FundBudgetInput { AmountFen = budgetFen }));
        }
        var draft = await ApiAnswers.Json<FundCallDetail>(city.PostJsonAsync("/api/v1/fund/calls", input), HttpStatusCode.Created);
        return await ApiAnswers.Json<FundCallDetail>(city.PostJsonAsync($"/api/v1/fund/calls/{draft.Id}/open", new VersionInput(draft.Version)));
    }

    /// <summary>
    /// An application that passes the eligibility checks: every form field answered (numbers 10, the first choice,
    /// <paramref name="text"/> elsewhere), one budget line, one target due on <paramref name="due"/>, one team member.
    /// </summary>
    public static FundApplicationInput Application(FundCallRules rules, string topicCode, string title, DateOnly due, Guid version, string text = "内容")
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new FundApplicationInput
        {
            ProjectTitle = title,
            Answers = rules.Topics.Single(t => t.TopicCode == topicCode).Form
                .ToDictionary(f => f.Key, f => (string?)(f.Kind == FormFieldKind.Number ? "10" : f.Kind == FormFieldKind.Choice ? f.Options[0] : text)),
            BudgetLines = [new("设备购置费", null, 100_0000_00, 100_0000_00)],
            Targets = [new("服务企业数", "家", 0, 20, due)],
            Team = [new("张伟", "高级工程师", null, "负责人")],
            Version = version,
        };
    }
}
