using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundExpertImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_exported_pool_comes_back_edited_all_or_nothing_with_each_problem_named_by_row(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Actor = Features.Auditing.AuditActor.System;
            db.Users.Add(new AppUser { UserName = "expert01", NormalizedUserName = "EXPERT01", DisplayName = "专家一" });
            db.Users.Add(new AppUser { UserName = "expert02", NormalizedUserName = "EXPERT02", DisplayName = "专家二" });
            await db.SaveChangesAsync(ct);
        }
        var experts = new FundExperts(database.Factory());
        var city = TestPrincipals.User(Roles.CityStaff);
        Assert.True((await experts.SaveAsync(city, TestPrincipals.Actor(), null, new FundExpertInput
        {
            Name = "李教授", UserName = "expert01", Institution = "上海某大学", Topics = ["gradient-cultivation"], MaxPerCall = 30,
        }, ct)).Succeeded);

        // The export is the template: change the first expert, add two.
        using var exported = new MemoryStream();
        await FundExpertWorkbook.WriteAsync((await experts.ListAsync(city, ct)).Value!, exported, ct);
        exported.Position = 0;
        var rows = MiniExcel.Query(exported, useHeaderRow: true, sheetName: FundExpertWorkbook.Sheet).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
        Assert.Equal("李教授", rows.Single()["姓名 Name"]);
        rows[0]["每批上限 Max per call"] = 50;
        rows[0]["评审专题 Topics"] = "gradient-cultivation, park-construction";
        rows.Add(Row("王研究员", "expert02", "中科院上海分院", "innovation-ecosystem", "是"));
        rows.Add(Row("赵工", null, "某设计院", "park-construction", "否"));
        var result = await experts.ImportAsync(city, TestPrincipals.Actor(), Workbook(rows), "experts.xlsx", ct);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Row} {e.Field}: {e.Message}")));
        Assert.Equal(new ExpertImportSummary(2, 1), result.Value);
        var pool = (await experts.ListAsync(city, ct)).Value!;
        Assert.Equal((50, 2), (pool.Single(e => e.Name == "李教授").MaxPerCall, pool.Single(e => e.Name == "李教授").Topics.Count));
        Assert.False(pool.Single(e => e.Name == "赵工").Available);

        // A workbook with problems: nothing changes, and each problem names its row.
        rows[1]["评审专题 Topics"] = "no-such-topic";
        rows[2]["单位信用代码 Institution credit code"] = "91310000MA1FL8XQ30";
        rows.Add(Row("王研究员", "expert02", "中科院上海分院", "innovation-ecosystem", "是"));
        rows.Add(Row("钱教授", "nobody", "某大学", "park-construction", "也许"));
        var refused = await experts.ImportAsync(city, TestPrincipals.Actor(), Workbook(rows), "experts.xlsx", ct);
        Assert.Equal(UseCaseStatus.Invalid, refused.Status);
        Assert.Equal([(6, "可参评 Available")], refused.Errors.Select(e => (e.Row!.Value, e.Field)));
        Assert.Contains("I6", refused.Errors.Single().Message.Render(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        rows[^1]["可参评 Available"] = "是";
        refused = await experts.ImportAsync(city, TestPrincipals.Actor(), Workbook(rows), "experts.xlsx", ct);
        Assert.Equal([(3, "Topics"), (4, "InstitutionCreditCode"), (5, "Name"), (6, "UserName")], refused.Errors.Select(e => (e.Row!.Value, e.Field)));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(3, await db.FundExperts.CountAsync(ct));
            Assert.Equal("innovation-ecosystem", (await db.FundExperts.SingleAsync(e => e.UserName == "expert02", ct)).Topics);
        }

        // Not a workbook, or not the city: refused before anything is read.
        Assert.Equal("UploadNotXlsx", (await experts.ImportAsync(city, TestPrincipals.Actor(), new MemoryStream("not a zip"u8.ToArray()), "experts.xlsx", ct)).Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Forbidden, (await experts.ImportAsync(TestPrincipals.User(Roles.ParkManager, park: "yangpu"), TestPrincipals.Actor(), Workbook(rows), "experts.xlsx", ct)).Status);
    }

    private static Dictionary<string, object?> Row(string name, string? account, string institution, string topics, string available) => new()
    {
        ["姓名 Name"] = name, ["账号 Account"] = account, ["单位 Institution"] = institution, ["单位信用代码 Institution credit code"] = null,
        ["关联机构信用代码 Affiliated credit codes"] = null, ["职称 Title"] = null, ["评审专题 Topics"] = topics, ["行业 Industries (GB/T 4754)"] = null,
        ["可参评 Available"] = available, ["每批上限 Max per call"] = 40,
    };

    private static MemoryStream Workbook(List<Dictionary<string, object?>> rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [FundExpertWorkbook.Sheet] = rows });
        stream.Position = 0;
        return stream;
    }
}
