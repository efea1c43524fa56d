using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Platform.Features.Parks;

namespace Zhangjiang.Platform;

/// <summary>Registrations shared by the web host and the CLI.</summary>
public static class PlatformSetup
{
    public static IServiceCollection AddZhangjiangPlatform(this IServiceCollection services, string contentRoot)
    {
        services.AddZhangjiangDatabase(contentRoot);
        services.AddSingleton(sp =>
        {
            var security = new SecurityOptions();
            sp.GetRequiredService<IConfiguration>().GetSection(SecurityOptions.Section).Bind(security);
            return security.Validate();
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var smtp = new Features.Notifications.SmtpOptions();
            sp.GetRequiredService<IConfiguration>().GetSection("Smtp").Bind(smtp);
            return smtp;
        });

        services.AddScoped<DatabaseMaintenance>();
        services.AddScoped<SecurityAudit>();
        services.AddSingleton<IntrusionAlarm>();
        services.AddScoped<Features.Files.MalwareScanner>();
        services.AddScoped<ParkDirectory>();
        services.AddScoped<ParkProfileEditor>();
        services.AddScoped<OrganisationRegistry>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<AuditLogQuery>();
        services.AddScoped<SelfRegistration>();
        services.AddScoped<FrameworkCatalog>();
        services.AddScoped<EvaluationRounds>();
        services.AddScoped<RoundComputation>();
        services.AddScoped<EvaluationResults>();
        services.AddScoped<EvaluationDemo>();
        services.AddScoped<BenchmarkLibrary>();
        services.AddScoped<EvaluationReports>();
        services.AddScoped<EvaluationAnalysis>();
        services.AddScoped<SubmissionEvidenceStore>();
        services.AddScoped<Features.Enterprises.StatisticsImporter>();
        services.AddScoped<Features.Enterprises.EnterpriseDemo>();
        services.AddScoped<Features.Enterprises.EnterpriseRegistry>();
        services.AddScoped<Features.Enterprises.TierRules>();
        services.AddScoped<Features.Fund.FundSetup>();
        services.AddScoped<Features.Fund.FundCalls>();
        services.AddScoped<Features.Fund.FundApplications>();
        services.AddScoped<Features.Fund.FundFormalReview>();
        services.AddScoped<Features.Fund.FundExperts>();
        services.AddScoped<Features.Fund.FundReview>();
        services.AddScoped<Features.Fund.FundDecisions>();
        services.AddScoped<Features.Fund.FundContracts>();
        services.AddScoped<Features.Fund.FundReports>();
        services.AddScoped<Features.Plans.ParkPlans>();
        services.AddScoped<Features.Plans.PlanReports>();
        services.AddScoped<Features.Plans.PlanLoop>();
        services.AddScoped<Features.Linkage.LinkageItems>();
        services.AddScoped<Features.Linkage.LinkageLeague>();
        services.AddScoped<Features.Coordination.DistrictCoordination>();
        services.AddScoped<Features.Network.PartnerNetwork>();
        services.AddScoped<Features.Calendar.ObligationCalendar>();
        services.AddScoped<Features.Dashboard.ZoneDashboard>();
        services.AddScoped<Features.Notifications.NotificationInbox>();
        services.AddScoped<Features.Notifications.DeadlineReminders>();
        services.AddScoped<Features.Notifications.NotificationMailer>();
        services.AddScoped<Features.Enterprises.StatisticsRollup>();
        services.AddScoped<Features.Enterprises.TierAwards>();
        services.AddScoped<Features.Enterprises.TierCandidates>();
        services.AddScoped<Features.Enterprises.CultivationAnalytics>();
        services.AddScoped<Features.Enterprises.StatisticsRecords>();
        services.AddScoped<Features.Evaluation.StatisticsFeed>();
        services.AddSingleton<IAuthorizationHandler, ParkAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, OrganisationAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, FrameworkAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, RoundAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, SubmissionAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ScorecardAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, EnterpriseAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, FundCallAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, FundApplicationAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ReviewAssignmentAuthorizationHandler>();
        return services;
    }

    /// <summary>Identity's stores, user manager and password rules, without sign-in (the CLI needs only these).</summary>
    public static IdentityBuilder AddZhangjiangIdentityCore(this IServiceCollection services)
    {
        services.AddOptions<PasswordHasherOptions>().Configure<SecurityOptions>((o, s) => o.IterationCount = s.PasswordHashIterations);
        services.AddOptions<IdentityOptions>().Configure<SecurityOptions>((o, s) =>
        {
            o.Password.RequiredLength = s.PasswordMinLength;
            // The classes rule is 3 of 4 (PasswordPolicyValidator), not Identity's all-of-4.
            o.Password.RequireDigit = false;
            o.Password.RequireLowercase = false;
            o.Password.RequireUppercase = false;
            o.Password.RequireNonAlphanumeric = false;
            o.Password.RequiredUniqueChars = 1;
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = s.LockoutFailures;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(s.LockoutMinutes);
            o.User.RequireUniqueEmail = false;
            o.Tokens.AuthenticatorTokenProvider = ReplaySafeTotpProvider.Name;
        });
        services.AddAuthorizationCore();
        // Keys live in the database so every web instance (and zj) reads the same key ring (DESIGN.md §3).
        services.AddDataProtection().SetApplicationName("Zhangjiang.Platform").PersistKeysToDbContext<ZjDbContext>();
        return services.AddIdentityCore<AppUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ZjDbContext>()
            .AddUserManager<ZjUserManager>()
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplaySafeTotpProvider>(ReplaySafeTotpProvider.Name);
    }
}
