using Microsoft.EntityFrameworkCore;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>The fund tables' mapping (called from <see cref="Data.ZjDbContext"/>.OnModelCreating).</summary>
internal static class FundModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<FundProgramme>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(300);
            e.Property(x => x.GoalZh).HasMaxLength(1000);
            e.Property(x => x.GoalEn).HasMaxLength(1000);
            e.Property(x => x.Source).HasMaxLength(500);
        });
        builder.Entity<FundApplicantKind>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.ProgrammeCode).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(40);
            e.HasOne<FundProgramme>().WithMany().HasForeignKey(x => x.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FundTopic>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.ProgrammeCode).HasMaxLength(40);
            e.Property(x => x.NameZh).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.HasOne<FundProgramme>().WithMany().HasForeignKey(x => x.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FundTopicBudget>(e =>
        {
            e.HasKey(x => new { x.TopicCode, x.Year });
            e.Property(x => x.TopicCode).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<FundTopic>().WithMany().HasForeignKey(x => x.TopicCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FundCall>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.ProgrammeCode).HasMaxLength(40);
            e.Property(x => x.Code).HasMaxLength(20);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.TitleZh).HasMaxLength(200);
            e.Property(x => x.TitleEn).HasMaxLength(300);
            e.Property(x => x.GuideZh).HasMaxLength(20000);
            e.Property(x => x.GuideEn).HasMaxLength(20000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.Property(x => x.ClosedBy).HasMaxLength(256);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Year, x.Status });
            e.HasOne<FundProgramme>().WithMany().HasForeignKey(x => x.ProgrammeCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Topics).WithOne().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundCallTopic>(e =>
        {
            e.HasKey(x => new { x.CallId, x.TopicCode });
            e.Property(x => x.TopicCode).HasMaxLength(40);
            e.HasIndex(x => x.TopicCode);
            e.HasOne<FundTopic>().WithMany().HasForeignKey(x => x.TopicCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<FundApplication>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.TopicCode).HasMaxLength(40);
            e.Property(x => x.KindCode).HasMaxLength(40);
            e.Property(x => x.ApplicantCreditCode).HasMaxLength(18);
            e.Property(x => x.ApplicantName).HasMaxLength(200);
            e.Property(x => x.ParkCode).HasMaxLength(40);
            e.Property(x => x.TrackingNumber).HasMaxLength(30);
            e.Property(x => x.ProjectTitle).HasMaxLength(200);
            e.Property(x => x.AnswersJson).HasMaxLength(400_000);
            e.Property(x => x.ExclusionsJson).HasMaxLength(20_000);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.SubmissionCopySha256).HasMaxLength(64);
            e.Property(x => x.FormalReviewJson).HasMaxLength(20_000);
            e.Property(x => x.FormalReviewedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            // One application per applicant per call (不得重复申报); a tracking number names one application.
            e.HasIndex(x => new { x.CallId, x.ApplicantCreditCode }).IsUnique();
            e.HasIndex(x => x.TrackingNumber).IsUnique();
            e.HasIndex(x => new { x.ApplicantCreditCode, x.Status });
            e.HasIndex(x => new { x.CallId, x.TopicCode, x.Status });
            e.HasOne<FundCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FundTopic>().WithMany().HasForeignKey(x => x.TopicCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FundApplicantKind>().WithMany().HasForeignKey(x => x.KindCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.BudgetLines).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Team).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundBudgetLine>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Category).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(500);
            e.HasIndex(x => new { x.ApplicationId, x.Order });
        });
        builder.Entity<FundTarget>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(40);
            e.HasIndex(x => new { x.ApplicationId, x.Order });
        });
        builder.Entity<FundTeamMember>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(200);
            e.HasIndex(x => new { x.ApplicationId, x.Order });
        });
        builder.Entity<FundAttachment>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(256);
            e.HasIndex(x => x.ApplicationId);
            e.HasOne<FundApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundApplicationEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Ignore(x => x.ReasonMessage);
            e.HasIndex(x => new { x.ApplicationId, x.Id });
            e.HasOne<FundApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundExpert>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.Institution).HasMaxLength(200);
            e.Property(x => x.InstitutionCreditCode).HasMaxLength(18);
            e.Property(x => x.AffiliatedCreditCodes).HasMaxLength(2000);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Topics).HasMaxLength(500);
            e.Property(x => x.Industries).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        builder.Entity<FundExpertDraw>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.ReportJson).HasMaxLength(2_000_000);
            e.Property(x => x.InputsJson).HasMaxLength(20_000_000);
            e.HasIndex(x => x.CallId);
            e.HasOne<FundCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ReviewAssignment>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.ConflictReason).HasMaxLength(1000);
            e.Property(x => x.OverallComment).HasMaxLength(5000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ApplicationId, x.ExpertId }).IsUnique();
            e.HasIndex(x => new { x.ExpertId, x.Status });
            e.HasOne<FundApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FundExpert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FundExpertDraw>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Scores).WithOne().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ReviewScore>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.CriterionKey).HasMaxLength(40);
            e.Property(x => x.Comment).HasMaxLength(2000);
            e.HasIndex(x => new { x.AssignmentId, x.CriterionKey }).IsUnique();
        });
        builder.Entity<FundObjection>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Text).HasMaxLength(5000);
            e.Property(x => x.SubmittedBy).HasMaxLength(256);
            e.Property(x => x.Resolution).HasMaxLength(5000);
            e.Property(x => x.ResolvedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CallId, x.Upheld });
            e.HasOne<FundCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FundApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        });
            builder.Entity<FundContract>(e =>
        {
            e.HasKey(x => x.ApplicationId);
            e.Property(x => x.ContractNumber).HasMaxLength(40);
            e.HasIndex(x => x.ContractNumber).IsUnique();
            e.Property(x => x.BudgetJson).HasMaxLength(200_000);
            e.Property(x => x.SignedBy).HasMaxLength(256);
            e.Property(x => x.AcceptanceNote).HasMaxLength(5000);
            e.Property(x => x.AcceptedBy).HasMaxLength(256);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<FundApplication>().WithOne().HasForeignKey<FundContract>(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Kpis).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Tranches).WithOne().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundKpi>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(40);
            e.Property(x => x.RatingNote).HasMaxLength(2000);
            e.HasIndex(x => new { x.ContractId, x.Order }).IsUnique();
        });
        builder.Entity<FundMilestone>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.ReportText).HasMaxLength(10_000);
            e.Property(x => x.ReportedBy).HasMaxLength(256);
            e.Property(x => x.ReviewNote).HasMaxLength(5000);
            e.Property(x => x.ReviewedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ContractId, x.Order }).IsUnique();
            e.HasIndex(x => new { x.Status, x.DueOn });
        });
        builder.Entity<FundTranche>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.PaymentReference).HasMaxLength(100);
            e.Property(x => x.PaidBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ContractId, x.Order }).IsUnique();
        });
        builder.Entity<FundMidtermCheck>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Note).HasMaxLength(5000);
            e.Property(x => x.By).HasMaxLength(256);
            e.HasIndex(x => x.ContractId);
            e.HasOne<FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<FundAmendment>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Reason).HasMaxLength(5000);
            e.Property(x => x.BeforeJson).HasMaxLength(200_000);
            e.Property(x => x.AfterJson).HasMaxLength(200_000);
            e.Property(x => x.RequestedBy).HasMaxLength(256);
            e.Property(x => x.DecisionNote).HasMaxLength(5000);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.ContractId, x.Number }).IsUnique();
            e.HasOne<FundContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        });
}
}
