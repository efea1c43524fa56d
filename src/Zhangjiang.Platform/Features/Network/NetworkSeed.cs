using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;

namespace Zhangjiang.Platform.Features.Network;

/// <summary>
/// Seeds the network with what the seed document and the domain facts (§8) state, each with its source, and nothing
/// more: the IC collaborative innovation network (16 zones; 4 named), the Yangtze River Delta alliance founded on
/// 2024-09-08 at the forum that issued the 张江宣言, the Yangtze River basin park alliance, and the 张江长三角科技城. No
/// agreement dates are stated, so no agreements are seeded.
/// </summary>
public static class NetworkSeed
{
    private const string Seed = "seed:000_fcb6976a21c0d86c.txt";
    private const string Yrd = "http://www.utouxci.cn/web/news/detail/id/377.html";
    private const string Basin = "http://www.jccief.org.cn/v-1-4841.aspx";
    private const string Jinshan = "http://www.shjs.cc/post/3047.html";

    public static async Task<int> ApplyAsync(ZjDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.PartnerZones.AnyAsync(cancellationToken))
        {
            return 0;
        }
        PartnerZone Zone(string code, string zh, string en, ZoneKind kind, string city, string province, string source, bool home = false) =>
            new() { Code = code, NameZh = zh, NameEn = en, Kind = kind, City = city, Province = province, Source = source, IsHome = home };
        db.PartnerZones.AddRange(
            Zone("zhangjiang", "上海张江高新区", "Shanghai Zhangjiang High-tech Zone", ZoneKind.DemonstrationZone, "上海", "上海", Seed, home: true),
            Zone("zhongguancun", "中关村示范区", "Zhongguancun Demonstration Zone", ZoneKind.DemonstrationZone, "北京", "北京", Seed),
            Zone("chongqing-htz", "重庆高新区", "Chongqing High-tech Zone", ZoneKind.NationalHighTechZone, "重庆", "重庆", Seed),
            Zone("nanjing-htz", "南京高新区", "Nanjing High-tech Zone", ZoneKind.NationalHighTechZone, "南京", "江苏", Seed + "; " + Basin),
            Zone("suzhou-sip", "苏州工业园区", "Suzhou Industrial Park", ZoneKind.NationalHighTechZone, "苏州", "江苏", Yrd),
            Zone("hangzhou-htz", "杭州高新区", "Hangzhou High-tech Zone", ZoneKind.NationalHighTechZone, "杭州", "浙江", Yrd),
            Zone("hefei-htz", "合肥高新区", "Hefei High-tech Zone", ZoneKind.NationalHighTechZone, "合肥", "安徽", Yrd + "; " + Basin),
            Zone("wuhan-donghu", "武汉东湖高新区", "Wuhan East Lake High-tech Zone", ZoneKind.NationalHighTechZone, "武汉", "湖北", Basin),
            Zone("chongqing-liangjiang", "重庆两江新区", "Chongqing Liangjiang New Area", ZoneKind.NewArea, "重庆", "重庆", Basin),
            Zone("zhangjiang-pinghu", "张江平湖园", "Zhangjiang Pinghu Park", ZoneKind.Park, "嘉兴", "浙江", Jinshan));

        AllianceMember M(string zone, MemberRole role = MemberRole.Member) => new() { ZoneCode = zone, Role = role };
        var ic = new Alliance
        {
            Id = Guid.NewGuid(), NameZh = "国家高新区集成电路产业协同创新网络", NameEn = "National High-tech Zones Integrated Circuit Collaborative Innovation Network",
            Mission = "共同打造集成电路产业集群", MembershipNote = "16 家高新区；公开来源只列出上海张江、中关村示范区、重庆高新区、南京高新区，其余成员与成立日期未公布。",
            Source = Seed, Members = [M("zhangjiang", MemberRole.Initiator), M("zhongguancun"), M("chongqing-htz"), M("nanjing-htz")],
        };
        var yrd = new Alliance
        {
            Id = Guid.NewGuid(), NameZh = "长三角国家高新区联盟", NameEn = "Yangtze River Delta National High-tech Zones Alliance", FoundedOn = new DateOnly(2024, 9, 8),
            FoundedAt = "张江科学会堂（2024浦江创新论坛·国家自主创新示范区高质量发展论坛）",
            Mission = "跨区域协同推进科技创新和产业创新，共享平台与资源，推进新型工业化",
            MembershipNote = "成立时由上海张江高新区、苏州工业园区、杭州高新区、合肥高新区代表参加。", Source = Seed + "; " + Yrd,
            Members = [M("zhangjiang", MemberRole.Initiator), M("suzhou-sip"), M("hangzhou-htz"), M("hefei-htz")],
        };
        var basin = new Alliance
        {
            Id = Guid.NewGuid(), NameZh = "长江流域园区合作联盟", NameEn = "Yangtze River Basin Park Cooperation Alliance",
            MembershipNote = "成立大会有 47 家园区参加，审议通过联盟章程（草案）；公开来源列出发起方。", Source = Basin,
            Members = [M("zhangjiang", MemberRole.Initiator), M("nanjing-htz", MemberRole.Initiator), M("hefei-htz", MemberRole.Initiator),
                M("wuhan-donghu", MemberRole.Initiator), M("chongqing-liangjiang", MemberRole.Initiator)],
        };
        db.Alliances.AddRange(ic, yrd, basin);
        db.NetworkEvents.AddRange(
            new NetworkEvent
            {
                Id = Guid.NewGuid(), Kind = NetworkEventKind.Forum, TitleZh = "国家自主创新示范区高质量发展论坛（2024浦江创新论坛）",
                TitleEn = "Forum on the high-quality development of national innovation demonstration zones (2024 Pujiang Innovation Forum)",
                HeldOn = new DateOnly(2024, 9, 8), Place = "张江科学会堂", AllianceId = yrd.Id, Summary = "发布“张江宣言”，发起成立长三角国家高新区联盟。", Source = Seed + "; " + Yrd,
            },
            new NetworkEvent
            {
                Id = Guid.NewGuid(), Kind = NetworkEventKind.Declaration, TitleZh = "国家自主创新示范区高质量发展“张江宣言”",
                TitleEn = "The Zhangjiang Declaration on the high-quality development of national innovation demonstration zones", HeldOn = new DateOnly(2024, 9, 8),
                Place = "张江科学会堂", Summary = "宣言全文未在公开来源中找到，待上传原件。", Source = Seed,
            },
            new NetworkEvent
            {
                Id = Guid.NewGuid(), Kind = NetworkEventKind.Meeting, TitleZh = "张江长三角科技城第一次领导小组会议", TitleEn = "First leading-group meeting of the Zhangjiang YRD Science City",
                HeldOn = new DateOnly(2018, 6, 19), Source = Jinshan,
            });
        db.JointProjects.Add(new JointProject
        {
            Id = Guid.NewGuid(), TitleZh = "张江长三角科技城", TitleEn = "Zhangjiang Yangtze River Delta Science City", Partners = "zhangjiang-pinghu", ParkCode = "jinshan",
            Status = JointProjectStatus.Active, StartedOn = new DateOnly(2018, 6, 19),
            Description = "张江金山园与张江平湖园共建，87 平方公里，被称为全国首个跨省域一体化园区。", Source = Jinshan,
        });
        db.Actor ??= AuditActor.System;
        await db.SaveChangesAsync(cancellationToken);
        return 1;
    }
}
