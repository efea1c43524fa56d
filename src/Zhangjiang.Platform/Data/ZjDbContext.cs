using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Organisations;
using Zhangjiang.Platform.Features.Parks;

namespace Zhangjiang.Platform.Data;

/// <summary>
/// The platform's one DbContext. Every save that changes audited rows appends hash-chained audit rows in
/// the same transaction, so a write without its audit record cannot happen.
/// </summary>
public partial class ZjDbContext(
    DbContextOptions<ZjDbContext> options,
    TimeProvider? clock = null,
    IAuditActorAccessor? actorAccessor = null)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The acting user for the next save. When unset, the host's accessor (HTTP user) is asked.</summary>
    public AuditActor? Actor { get; set; }

    public DbSet<District> Districts => Set<District>();
    public DbSet<Park> Parks => Set<Park>();
    public DbSet<ParkLeadingIndustry> ParkLeadingIndustries => Set<ParkLeadingIndustry>();
    public DbSet<ParkInitiative> ParkInitiatives => Set<ParkInitiative>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<EvaluationFramework> EvaluationFrameworks => Set<EvaluationFramework>();
    public DbSet<EvaluationIndicator> EvaluationIndicators => Set<EvaluationIndicator>();
    public DbSet<BenchmarkEntity> BenchmarkEntities => Set<BenchmarkEntity>();
    public DbSet<BenchmarkValue> BenchmarkValues => Set<BenchmarkValue>();
    public DbSet<EvaluationRound> EvaluationRounds => Set<EvaluationRound>();
    public DbSet<ParkSubmission> ParkSubmissions => Set<ParkSubmission>();
    public DbSet<SubmissionValue> SubmissionValues => Set<SubmissionValue>();
    public DbSet<SubmissionEvidence> SubmissionEvidence => Set<SubmissionEvidence>();
    public DbSet<EvaluationResult> EvaluationResults => Set<EvaluationResult>();
    public DbSet<ResultParkSummary> ResultParkSummaries => Set<ResultParkSummary>();
    public DbSet<ResultScore> ResultScores => Set<ResultScore>();
    public DbSet<Features.Files.StoredFile> StoredFiles => Set<Features.Files.StoredFile>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<EnterpriseParkAssignment> EnterpriseParkAssignments => Set<EnterpriseParkAssignment>();
    public DbSet<TierAward> TierAwards => Set<TierAward>();
    public DbSet<EnterpriseYearStatistics> EnterpriseYearStatistics => Set<EnterpriseYearStatistics>();
    public DbSet<StatisticsImport> StatisticsImports => Set<StatisticsImport>();
    public DbSet<StatisticsAnomaly> StatisticsAnomalies => Set<StatisticsAnomaly>();
    public DbSet<TierRule> TierRules => Set<TierRule>();
    public DbSet<RollupFormula> RollupFormulas => Set<RollupFormula>();
    public DbSet<ParkStatisticValue> ParkStatisticValues => Set<ParkStatisticValue>();
    public DbSet<EnterpriseNameGram> EnterpriseNameGrams => Set<EnterpriseNameGram>();
    public DbSet<Features.Fund.FundProgramme> FundProgrammes => Set<Features.Fund.FundProgramme>();
    public DbSet<Features.Fund.FundApplicantKind> FundApplicantKinds => Set<Features.Fund.FundApplicantKind>();
    public DbSet<Features.Fund.FundTopic> FundTopics => Set<Features.Fund.FundTopic>();
    public DbSet<Features.Fund.FundTopicBudget> FundTopicBudgets => Set<Features.Fund.FundTopicBudget>();
    public DbSet<Features.Fund.FundCall> FundCalls => Set<Features.Fund.FundCall>();
    public DbSet<Features.Fund.FundCallTopic> FundCallTopics => Set<Features.Fund.FundCallTopic>();
    public DbSet<Features.Fund.FundApplication> FundApplications => Set<Features.Fund.FundApplication>();
    public DbSet<Features.Fund.FundBudgetLine> FundBudgetLines => Set<Features.Fund.FundBudgetLine>();
    public DbSet<Features.Fund.FundTarget> FundTargets => Set<Features.Fund.FundTarget>();
    public DbSet<Features.Fund.FundTeamMember> FundTeamMembers => Set<Features.Fund.FundTeamMember>();
    public DbSet<Features.Fund.FundAttachment> FundAttachments => Set<Features.Fund.FundAttachment>();
    public DbSet<Features.Fund.FundApplicationEvent> FundApplicationEvents => Set<Features.Fund.FundApplicationEvent>();
    public DbSet<Features.Fund.FundExpert> FundExperts => Set<Features.Fund.FundExpert>();
    public DbSet<Features.Fund.FundExpertDraw> FundExpertDraws => Set<Features.Fund.FundExpertDraw>();
    public DbSet<Features.Fund.ReviewAssignment> ReviewAssignments => Set<Features.Fund.ReviewAssignment>();
    public DbSet<Features.Fund.ReviewScore> ReviewScores => Set<Features.Fund.ReviewScore>();
    public DbSet<Features.Fund.FundObjection> FundObjections => Set<Features.Fund.FundObjection>();
    public DbSet<Features.Plans.ParkPlan> ParkPlans => Set<Features.Plans.ParkPlan>();
    public DbSet<Features.Plans.PlanTarget> PlanTargets => Set<Features.Plans.PlanTarget>();
    public DbSet<Features.Plans.PlanTask> PlanTasks => Set<Features.Plans.PlanTask>();
    public DbSet<Features.Plans.ParkPlanVersion> ParkPlanVersions => Set<Features.Plans.ParkPlanVersion>();
    public DbSet<Features.Plans.PlanReport> PlanReports => Set<Features.Plans.PlanReport>();
    public DbSet<Features.Plans.PlanReportValue> PlanReportValues => Set<Features.Plans.PlanReportValue>();
    public DbSet<Features.Plans.PlanFundLink> PlanFundLinks => Set<Features.Plans.PlanFundLink>();
    public DbSet<Features.Linkage.LinkageItem> LinkageItems => Set<Features.Linkage.LinkageItem>();
    public DbSet<Features.Linkage.LinkageUnit> LinkageUnits => Set<Features.Linkage.LinkageUnit>();
    public DbSet<Features.Linkage.LinkageNode> LinkageNodes => Set<Features.Linkage.LinkageNode>();
    public DbSet<Features.Linkage.LinkageFeedback> LinkageFeedback => Set<Features.Linkage.LinkageFeedback>();
    public DbSet<Features.Linkage.LinkageUrging> LinkageUrgings => Set<Features.Linkage.LinkageUrging>();
    public DbSet<Features.Linkage.LinkageEvent> LinkageEvents => Set<Features.Linkage.LinkageEvent>();
    public DbSet<Features.Files.AttachedFile> AttachedFiles => Set<Features.Files.AttachedFile>();
    public DbSet<Features.Coordination.DistrictMechanism> DistrictMechanisms => Set<Features.Coordination.DistrictMechanism>();
    public DbSet<Features.Coordination.CoordinationMeeting> CoordinationMeetings => Set<Features.Coordination.CoordinationMeeting>();
    public DbSet<Features.Coordination.MeetingDecision> MeetingDecisions => Set<Features.Coordination.MeetingDecision>();
    public DbSet<Features.Network.PartnerZone> PartnerZones => Set<Features.Network.PartnerZone>();
    public DbSet<Features.Network.Alliance> Alliances => Set<Features.Network.Alliance>();
    public DbSet<Features.Network.AllianceMember> AllianceMembers => Set<Features.Network.AllianceMember>();
    public DbSet<Features.Network.NetworkEvent> NetworkEvents => Set<Features.Network.NetworkEvent>();
    public DbSet<Features.Network.PartnerAgreement> PartnerAgreements => Set<Features.Network.PartnerAgreement>();
    public DbSet<Features.Network.JointProject> JointProjects => Set<Features.Network.JointProject>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Notifications.NotificationRead> NotificationReads => Set<Features.Notifications.NotificationRead>();
    public DbSet<Features.Fund.FundContract> FundContracts => Set<Features.Fund.FundContract>();
    public DbSet<Features.Fund.FundKpi> FundKpis => Set<Features.Fund.FundKpi>();
    public DbSet<Features.Fund.FundMilestone> FundMilestones => Set<Features.Fund.FundMilestone>();
    public DbSet<Features.Fund.FundTranche> FundTranches => Set<Features.Fund.FundTranche>();
    public DbSet<Features.Fund.FundMidtermCheck> FundMidtermChecks => Set<Features.Fund.FundMidtermCheck>();
    public DbSet<Features.Fund.FundAmendment> FundAmendments => Set<Features.Fund.FundAmendment>();

    public DatabaseProvider Provider => Database.ProviderName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        _ => DatabaseProvider.Sqlite,
    };

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite returns DateTime as Unspecified and Npgsql insists on Utc: all times are UTC (DESIGN.md §3).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<District>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(6);
            e.Property(x => x.NameZh).HasMaxLength(50);
            e.Property(x => x.NameEn).HasMaxLength(50);
            e.Property(x => x.Source).HasMaxLength(500);
        });

        builder.Entity<Park>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(50);
            e.Property(x => x.NameEn).HasMaxLength(100);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.DistrictSource).HasMaxLength(500);
            e.Property(x => x.PlanSummaryZh).HasMaxLength(2000);
            e.Property(x => x.PlanSummaryEn).HasMaxLength(4000);
            e.Property(x => x.PlanSource).HasMaxLength(500);
            e.Property(x => x.PlanStatusSource).HasMaxLength(500);
            e.Property(x => x.PlanStatus).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.AreaKm2Note).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.Website).HasMaxLength(300);
            e.Property(x => x.ProfileZh).HasMaxLength(4000);
            e.Property(x => x.ProfileEn).HasMaxLength(8000);
            e.Property(x => x.ManagementAgencyCreditCode).HasMaxLength(18);
            e.Property(x => x.OperatingAgencyCreditCode).HasMaxLength(18);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ManagementAgency).WithMany().HasForeignKey(x => x.ManagementAgencyCreditCode).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.OperatingAgency).WithMany().HasForeignKey(x => x.OperatingAgencyCreditCode).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.LeadingIndustries).WithOne().HasForeignKey(x => x.ParkCode).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Initiatives).WithOne().HasForeignKey(x => x.ParkCode).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ParkLeadingIndustry>(e =>
        {
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.Source).HasMaxLength(500);
            e.HasIndex(x => x.NameZh);
        });

        builder.Entity<ParkInitiative>(e =>
        {
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.StatusZh).HasMaxLength(200);
            e.Property(x => x.StatusEn).HasMaxLength(400);
            e.Property(x => x.Source).HasMaxLength(500);
        });

        builder.Entity<Organisation>(e =>
        {
            e.HasKey(x => x.CreditCode);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Kind);
            e.HasIndex(x => x.ParkCode);
        });

        builder.Entity<AppUser>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.Property(x => x.ScopeParkCode).HasMaxLength(40);
            e.Property(x => x.ScopeDistrictCode).HasMaxLength(6);
            e.Property(x => x.ScopeOrganisationCreditCode).HasMaxLength(18);
            e.Property(x => x.Culture).HasMaxLength(10);
            e.Property(x => x.Institution).HasMaxLength(200);
        });

        builder.Entity<PasswordHistoryEntry>(e =>
        {
            e.Property(x => x.UserId).HasMaxLength(450);
            e.HasIndex(x => new { x.UserId, x.ChangedUtc });
        });

        builder.Entity<UserSession>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.Property(x => x.UserAgent).HasMaxLength(300);
            e.HasIndex(x => x.UserId);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.EntityType).HasMaxLength(100);
            e.Property(x => x.EntityKey).HasMaxLength(200);
            e.Property(x => x.Outcome).HasMaxLength(40);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.TimestampUtc);
            e.HasIndex(x => new { x.EntityType, x.EntityKey });
            e.HasIndex(x => x.UserName);
        });

        builder.Entity<AuditChainHead>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.LastHash).HasMaxLength(64);
            e.HasData(new AuditChainHead { Id = 1, LastSequence = 0, LastHash = AuditChain.GenesisHash });
        });

        EvaluationModel.Configure(builder);
        EnterpriseModel.Configure(builder, Provider);
        Features.Fund.FundModel.Configure(builder);
        Features.Notifications.NotificationModel.Configure(builder);
        Features.Plans.PlanModel.Configure(builder);
        Features.Linkage.LinkageModel.Configure(builder);
        Features.Coordination.CoordinationModel.Configure(builder);
        Features.Network.NetworkModel.Configure(builder);

        builder.Entity<Features.Files.StoredFile>(e => e.Property(x => x.Id).ValueGeneratedNever());
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
