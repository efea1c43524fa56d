using Zhangjiang.Web.Components;
using Zhangjiang.Web.Features.Auditing;
using Zhangjiang.Web.Features.Calendar;
using Zhangjiang.Web.Features.Coordination;
using Zhangjiang.Web.Features.Enterprises;
using Zhangjiang.Web.Features.Evaluation;
using Zhangjiang.Web.Features.Fund;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Notifications;
using Zhangjiang.Web.Features.Organisations;
using Zhangjiang.Web.Features.Parks;
using Zhangjiang.Web.Features.Linkage;
using Zhangjiang.Web.Features.Network;
using Zhangjiang.Web.Features.Plans;
using Zhangjiang.Web.Features.Registrations;
using Zhangjiang.Web.Features.Users;
using Zhangjiang.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddZhangjiangPlatform();        // database, use cases, Identity rules, data-protection keys in the database
builder.AddZhangjiangSecurity();        // cookies and server-side sessions, policies with a deny-by-default fallback, rate limits
builder.AddZhangjiangWeb();             // Blazor + MudBlazor, zh-CN/en localisation, problem details, OpenAPI, health checks

var app = builder.Build();

await app.PrepareDatabaseAsync();       // migrations on start in single-machine SQLite mode; first-administrator setup link
app.UseZhangjiangPipeline();            // security headers, errors, static files, culture, authentication, rate limits

app.MapAccountEndpoints();
app.MapParksApi();
app.MapOrganisationsApi();
app.MapUsersApi();
app.MapRegistrationsApi();
app.MapAuditApi();
app.MapEvaluationApi();
app.MapEnterprisesApi();
app.MapFundApi();
app.MapNotificationsApi();
app.MapPlansApi();
app.MapLinkageApi();
app.MapCoordinationApi();
app.MapNetworkApi();
app.MapCalendarApi();
app.MapZhangjiangHealth();
app.MapZhangjiangOpenApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowAnonymousInfrastructure();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
