using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Features.Notifications;

namespace Zhangjiang.Platform.Features.Fund;

public sealed record SignContractInput(DateOnly? StartsOn, Guid Version);

public sealed record KpiActual(int KpiId, double? Value);

public sealed record MilestoneReportInput(IReadOnlyList<KpiActual> Actuals, string Text, Guid Version);

public sealed record MilestoneReviewInput(bool Accept, string? Note, Guid Version);

public sealed record MidtermInput(MidtermOutcome Outcome, string Note, Guid Version);

public sealed record KpiRatingInput(int KpiId, KpiRating Rating, string? Note);

public sealed record AcceptanceInput(IReadOnlyList<KpiRatingInput> Ratings, string Note, Guid Version);

public sealed record PaymentInput(DateOnly PaidOn, string Reference, Guid Version);

public sealed record MilestoneDate(int MilestoneOrder, DateOnly DueOn);

public sealed record AmendmentInput(AmendmentKind Kind, string Reason, IReadOnlyList<MilestoneDate>? Dates, IReadOnlyList<ContractBudgetLine>? Budget, Guid Version);

public sealed record AmendmentDecisionInput(bool Approve, string Note, Guid Version);

public sealed record KpiView(int Id, int Order, int MilestoneOrder, string Name, string Unit, double? Baseline, double TargetValue, DateOnly DueOn,
    double? ActualValue, KpiRating? Rating, string? RatingNote, KpiRating Suggested);

public sealed record MilestoneView(int Order, DateOnly DueOn, bool IsFinal, MilestoneStatus Status, bool Overdue, string? ReportText, DateTime? ReportedUtc,
    string? ReportedBy, string? ReviewNote, DateTime? ReviewedUtc, string? ReviewedBy);

public sealed record TrancheView(int Order, int? MilestoneOrder, long AmountFen, TrancheStatus Status, DateOnly? PaidOn, string? PaymentReference, string? PaidBy);

public sealed record MidtermView(MidtermOutcome Outcome, string Note, DateTime AtUtc, string By);

public sealed record AmendmentView(int Number, AmendmentKind Kind, string Reason, string BeforeJson, string AfterJson, AmendmentStatus Status,
    DateTime RequestedUtc, string RequestedBy, string? DecisionNote, DateTime? DecidedUtc, string? DecidedBy);

public sealed record ContractView(
    Guid ApplicationId, string ContractNumber, string? TrackingNumber, string ProjectTitle, string ApplicantName, string ApplicantCreditCode, string TopicCode,
    FundApplicationStatus Status, long GrantFen, long PaidFen, DateOnly StartsOn, DateOnly EndsOn, DateOnly MidtermDueOn, bool MidtermOverdue,
    IReadOnlyList<ContractBudgetLine> Budget, bool PaymentsHeld, double? PerformanceScore, bool? AcceptancePassed, string? AcceptanceNote,
    DateTime? AcceptedUtc, string? AcceptedBy, DateTime SignedUtc, string SignedBy, double AcceptancePassScore,
    IReadOnlyList<KpiView> Kpis, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<TrancheView> Tranches,
    IReadOnlyList<MidtermView> Midterms, IReadOnlyList<AmendmentView> Amendments, bool Overdue, bool CanReport, bool CanManage, Guid Version);

public sealed record ContractRow(Guid ApplicationId, string ContractNumber, string ProjectTitle, string ApplicantName, string TopicCode, FundApplicationStatus Status,
    long GrantFen, long PaidFen, DateOnly? NextDueOn, bool Overdue, double? PerformanceScore);

/// <summary>
/// Contracts and delivery (项目管理): the city signs the contract of an approved award, built from the application's
/// targets and the call's payment settings (<see cref="ContractPlan"/>); the contractor reports each milestone with the
/// values reached; the city accepts or returns each report, records mid-term checks (an unsatisfactory one holds
/// payments), pays the tranches that accepted milestones release, and at the end rates every KPI met / partly met /
/// not met for the performance score and the acceptance (验收) conclusion. Date and budget amendments are asked for by
/// the contractor and approved or rejected by the city, with their history. City staff never act on an award to their
/// own organisation.
/// </summary>
public sealed class FundContracts(IDbContextFactory<ZjDbContext> contexts, IAuthorizationService authorization)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<UseCaseResult<ContractView>> SignAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, SignContractInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.Include(a => a.Targets).Include(a => a.BudgetLines).SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !await CanReadAsync(user, application))
        {
            return UseCaseResult<ContractView>.NotFound();
        }
        if (!CanManage(user, application))
        {
            return UseCaseResult<ContractView>.Forbidden();
        }
        if (application.Version != input.Version || application.Status != FundApplicationStatus.Approved)
        {
            return UseCaseResult<ContractView>.Conflict(new UserMessage(application.Version != input.Version ? "ConcurrentEditUnknown" : "FundContractNotApproved"));
        }
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        var rules = FundCallRules.FromJson(call.RulesJson);
        var startsOn = input.StartsOn ?? ShanghaiTime.Day(db.UtcNow);
        var (milestones, kpis, tranches) = ContractPlan.Build(application.Targets, application.GrantFen ?? 0, rules);
        if (startsOn >= milestones[0].DueOn)
        {
            return UseCaseResult<ContractView>.Invalid("StartsOn", new UserMessage("FundContractStartsLate", Day(milestones[0].DueOn)));
        }
        var endsOn = milestones[^1].DueOn;
        var contract = new FundContract
        {
            ApplicationId = application.Id,
            ContractNumber = (application.TrackingNumber ?? application.Id.ToString("N")[..12]) + "-HT",
            GrantFen = application.GrantFen ?? 0,
            StartsOn = startsOn,
            EndsOn = endsOn,
            MidtermDueOn = startsOn.AddDays((endsOn.DayNumber - startsOn.DayNumber) / 2),
            BudgetJson = JsonSerializer.Serialize(application.BudgetLines.OrderBy(b => b.Order).Select(b => new ContractBudgetLine(b.Category, b.Description, b.FundFen, b.SelfFen)).ToList(), Json),
            SignedUtc = db.UtcNow,
            SignedBy = actor.UserName,
            Milestones = milestones,
            Kpis = kpis,
            Tranches = tranches,
        };
        db.FundContracts.Add(contract);
        FundApplicationStatuses.Move(db, application, FundApplicationStatus.Contracted, actor.UserName, new UserMessage("FundContractSigned", contract.ContractNumber, FundMoney.Wan(contract.GrantFen), tranches.Count));
        db.Entry(application).Property(a => a.Version).OriginalValue = input.Version;
        if (!await SaveAsync(db, cancellationToken))
        {
            return UseCaseResult<ContractView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await GetAsync(user, applicationId, cancellationToken);
    }

    public async Task<UseCaseResult<ContractView>> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.FundApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !await CanReadAsync(user, application))
        {
            return UseCaseResult<ContractView>.NotFound();
        }
        var contract = await db.FundContracts.AsNoTracking().Include(c => c.Kpis).Include(c => c.Milestones).Include(c => c.Tranches)
            .SingleOrDefaultAsync(c => c.ApplicationId == applicationId, cancellationToken);
        if (contract is null)
        {
            return UseCaseResult<ContractView>.NotFound();
        }
        var midterms = await db.FundMidtermChecks.AsNoTracking().Where(m => m.ContractId == applicationId).OrderBy(m => m.Id)
            .Select(m => new MidtermView(m.Outcome, m.Note, m.AtUtc, m.By)).ToListAsync(cancellationToken);
        var amendments = await db.FundAmendments.AsNoTracking().Where(a => a.ContractId == applicationId).OrderBy(a => a.Number)
            .Select(a => new AmendmentView(a.Number, a.Kind, a.Reason, a.BeforeJson, a.AfterJson, a.Status, a.RequestedUtc, a.RequestedBy, a.DecisionNote, a.DecidedUtc, a.DecidedBy))
            .ToListAsync(cancellationToken);
        var call = await db.FundCalls.AsNoTracking().SingleAsync(c => c.Id == application.CallId, cancellationToken);
        var today = ShanghaiTime.Day(db.UtcNow);
        var milestones = contract.Milestones.OrderBy(m => m.Order).Select(m => new MilestoneView(m.Order, m.DueOn, m.IsFinal, m.Status, IsOverdue(m, today),
            m.ReportText, m.ReportedUtc, m.ReportedBy, m.ReviewNote, m.ReviewedUtc, m.ReviewedBy)).ToList();
        var view = new ContractView(
            application.Id, contract.ContractNumber, application.TrackingNumber, application.ProjectTitle, application.ApplicantName, application.ApplicantCreditCode,
            application.TopicCode, application.Status, contract.GrantFen, contract.Tranches.Where(t => t.Status == TrancheStatus.Paid).Sum(t => t.AmountFen),
            contract.StartsOn, contract.EndsOn, contract.MidtermDueOn, midterms.Count == 0 && contract.MidtermDueOn < today && application.Status == FundApplicationStatus.Contracted,
            Budget(contract), contract.PaymentsHeld, contract.PerformanceScore, contract.AcceptancePassed, contract.AcceptanceNote, contract.AcceptedUtc, contract.AcceptedBy,
            contract.SignedUtc, contract.SignedBy, FundCallRules.FromJson(call.RulesJson).AcceptancePassScore,
            contract.Kpis.OrderBy(k => k.Order).Select(k => new KpiView(k.Id, k.Order, k.MilestoneOrder, k.Name, k.Unit, k.Baseline, k.TargetValue, k.DueOn,
                k.ActualValue, k.Rating, k.RatingNote, ContractPlan.Suggest(k.Baseline, k.TargetValue, k.ActualValue))).ToList(),
            milestones,
            contract.Tranches.OrderBy(t => t.Order).Select(t => new TrancheView(t.Order, t.MilestoneOrder, t.AmountFen, t.Status, t.PaidOn, t.PaymentReference, t.PaidBy)).ToList(),
            midterms, amendments, milestones.Any(m => m.Overdue),
            IsContractor(user, application) && application.Status == FundApplicationStatus.Contracted,
            CanManage(user, application), contract.Version);
        return UseCaseResult<ContractView>.Ok(view);
    }

    /// <summary>Contracts the user may read: the applicant's own, a park's for its manager, all for the city; overdue ones first when asked.</summary>
    public async Task<IReadOnlyList<ContractRow>> ListAsync(ClaimsPrincipal user, bool overdueOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var applications = db.FundApplications.AsNoTracking().Where(a => db.FundContracts.Any(c => c.ApplicationId == a.Id));
        if (!user.IsCityWide())
        {
            var org = FundApplicationAuthorizationHandler.IsApplicant(user) ? user.OrganisationScope() : null;
            var park = user.IsInRole(Roles.ParkManager) ? user.ParkScope() : null;
            if (org is null && park is null)
            {
                return [];
            }
            applications = applications.Where(a => (org != null && a.ApplicantCreditCode == org) || (park != null && a.ParkCode == park));
        }
        var today = ShanghaiTime.Day(db.UtcNow);
        var rows = await (from a in applications
                          join c in db.FundContracts on a.Id equals c.ApplicationId
                          select new
                          {
                              a.Id, c.ContractNumber, a.ProjectTitle, a.ApplicantName, a.TopicCode, a.Status, c.GrantFen, c.PerformanceScore,
                              Paid = c.Tranches.Where(t => t.Status == TrancheStatus.Paid).Sum(t => (long?)t.AmountFen) ?? 0,
                              Next = c.Milestones.Where(m => m.Status != MilestoneStatus.Accepted).OrderBy(m => m.DueOn).Select(m => (DateOnly?)m.DueOn).FirstOrDefault(),
                              Overdue = c.Milestones.Any(m => (m.Status == MilestoneStatus.Open || m.Status == MilestoneStatus.Returned) && m.DueOn < today),
                          }).ToListAsync(cancellationToken);
        return rows.Where(r => !overdueOnly || r.Overdue)
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.Next ?? DateOnly.MaxValue).ThenBy(r => r.ContractNumber, StringComparer.Ordinal)
            .Select(r => new ContractRow(r.Id, r.ContractNumber, r.ProjectTitle, r.ApplicantName, r.TopicCode, r.Status, r.GrantFen, r.Paid, r.Next, r.Overdue, r.PerformanceScore))
            .ToList();
    }

    /// <summary>The contractor reports a milestone: the values its KPIs reached, and what was done.</summary>
    public Task<UseCaseResult<ContractView>> ReportAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, int milestoneOrder, MilestoneReportInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, applicationId, input?.Version ?? Guid.Empty, Party.Contractor, cancellationToken, (db, state) =>
        {
            var (application, contract) = (state.Application, state.Contract);
            var milestone = contract.Milestones.SingleOrDefault(m => m.Order == milestoneOrder);
            if (milestone is null)
            {
                return Fail("milestone", new UserMessage("FundMilestoneUnknown", milestoneOrder));
            }
            if (milestone.Status is not (MilestoneStatus.Open or MilestoneStatus.Returned))
            {
                return Fail("milestone", new UserMessage("FundMilestoneNotOpen", milestoneOrder));
            }
            if (milestone.IsFinal && contract.Milestones.Any(m => !m.IsFinal && m.Status != MilestoneStatus.Accepted))
            {
                return Fail("milestone", new UserMessage("FundFinalBeforeInterim"));
            }
            var text = input!.Text?.Trim() ?? "";
            if (text.Length is 0 or > 10_000)
            {
                return Fail(nameof(input.Text), new UserMessage("FundReportText"));
            }
            var due = contract.Kpis.Where(k => k.MilestoneOrder == milestoneOrder || (milestone.IsFinal)).ToDictionary(k => k.Id);
            var errors = new List<FieldError>();
            foreach (var actual in input.Actuals ?? [])
            {
                if (!due.ContainsKey(actual.KpiId))
                {
                    errors.Add(new FieldError($"Actuals[{actual.KpiId}]", new UserMessage("FundKpiUnknown", actual.KpiId)));
                }
                else if (actual.Value is { } v && (double.IsNaN(v) || double.IsInfinity(v)))
                {
                    errors.Add(new FieldError($"Actuals[{actual.KpiId}]", new UserMessage("FundKpiValue", due[actual.KpiId].Name)));
                }
            }
            var given = (input.Actuals ?? []).Where(a => a.Value is not null).Select(a => a.KpiId).ToHashSet();
            foreach (var missing in due.Values.Where(k => k.MilestoneOrder == milestoneOrder && !given.Contains(k.Id)))
            {
                errors.Add(new FieldError($"Actuals[{missing.Id}]", new UserMessage("FundKpiMissing", missing.Name)));
            }
            if (errors.Count > 0)
            {
                return errors;
            }
            foreach (var actual in (input.Actuals ?? []).Where(a => a.Value is not null))
            {
                due[actual.KpiId].ActualValue = actual.Value;
            }
            milestone.Status = MilestoneStatus.Reported;
            milestone.ReportText = text;
            milestone.ReportedUtc = db.UtcNow;
            milestone.ReportedBy = actor.UserName;
            Notify.Add(db, Audiences.City, new UserMessage(milestone.IsFinal ? "NotifyFinalReported" : "NotifyMilestoneReported", contract.ContractNumber, application.ApplicantName, milestoneOrder),
                Link(application.Id));
            return [];
        });

    /// <summary>The city accepts an interim milestone's report (its tranche becomes payable) or returns it with a note; a final report can only be returned here (acceptance judges it).</summary>
    public Task<UseCaseResult<ContractView>> ReviewAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, int milestoneOrder, MilestoneReviewInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, applicationId, input?.Version ?? Guid.Empty, Party.City, cancellationToken, (db, state) =>
        {
            var (application, contract) = (state.Application, state.Contract);
            var milestone = contract.Milestones.SingleOrDefault(m => m.Order == milestoneOrder);
            if (milestone is null)
            {
                return Fail("milestone", new UserMessage("FundMilestoneUnknown", milestoneOrder));
            }
            if (milestone.Status != MilestoneStatus.Reported)
            {
                return Fail("milestone", new UserMessage("FundMilestoneNotReported", milestoneOrder));
            }
            if (milestone.IsFinal && input!.Accept)
            {
                return Fail("milestone", new UserMessage("FundFinalIsAcceptance"));
            }
            var note = input!.Note?.Trim();
            if (!input.Accept && string.IsNullOrEmpty(note))
            {
                return Fail(nameof(input.Note), new UserMessage("FundDecisionReason"));
            }
            milestone.Status = input.Accept ? MilestoneStatus.Accepted : MilestoneStatus.Returned;
            milestone.ReviewNote = string.IsNullOrEmpty(note) ? null : note;
            milestone.ReviewedUtc = db.UtcNow;
            milestone.ReviewedBy = actor.UserName;
            if (input.Accept)
            {
                foreach (var tranche in contract.Tranches.Where(t => t.MilestoneOrder == milestoneOrder && t.Status == TrancheStatus.Waiting))
                {
                    tranche.Status = TrancheStatus.Payable;
                }
            }
            Notify.Add(db, Audiences.Organisation(application.ApplicantCreditCode),
                new UserMessage(input.Accept ? "NotifyMilestoneAccepted" : "NotifyMilestoneReturned", contract.ContractNumber, milestoneOrder, note ?? ""), Link(application.Id));
            return [];
        });

    /// <summary>The city records a mid-term check; an unsatisfactory one holds payments until a later check lifts it.</summary>
    public Task<UseCaseResult<ContractView>> MidtermAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, MidtermInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, applicationId, input?.Version ?? Guid.Empty, Party.City, cancellationToken, (db, state) =>
        {
            var (application, contract) = (state.Application, state.Contract);
            if (!Enum.IsDefined(input!.Outcome))
            {
                return Fail(nameof(input.Outcome), new UserMessage("FundMidtermOutcome"));
            }
            var note = input.Note?.Trim() ?? "";
            if (note.Length is 0 or > 5000)
            {
                return Fail(nameof(input.Note), new UserMessage("FundDecisionReason"));
            }
            db.FundMidtermChecks.Add(new FundMidtermCheck { ContractId = contract.ApplicationId, Outcome = input.Outcome, Note = note, AtUtc = db.UtcNow, By = actor.UserName });
            contract.PaymentsHeld = input.Outcome == MidtermOutcome.Unsatisfactory;
            Notify.Add(db, Audiences.Organisation(application.ApplicantCreditCode),
                new UserMessage("NotifyMidterm", contract.ContractNumber, new UserMessage("MidtermOutcome." + input.Outcome), note), Link(application.Id));
            return [];
        });

    /// <summary>
    /// Acceptance (验收): the city rates every KPI against the final report. The performance score decides the
    /// conclusion against the call's pass score: passed releases the final tranche (Accepted); failed withholds it and
    /// closes the project.
    /// </summary>
    public Task<UseCaseResult<ContractView>> AcceptAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, AcceptanceInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, applicationId, input?.Version ?? Guid.Empty, Party.City, cancellationToken, (db, state) =>
        {
            var (application, contract) = (state.Application, state.Contract);
            var final = contract.Milestones.Single(m => m.IsFinal);
            if (final.Status != MilestoneStatus.Reported)
            {
                return Fail("milestone", new UserMessage("FundFinalNotReported"));
            }
            var note = input!.Note?.Trim() ?? "";
            if (note.Length is 0 or > 5000)
            {
                return Fail(nameof(input.Note), new UserMessage("FundDecisionReason"));
            }
            var ratings = (input.Ratings ?? []).GroupBy(r => r.KpiId).ToDictionary(g => g.Key, g => g.Last());
            var errors = contract.Kpis.Where(k => !ratings.TryGetValue(k.Id, out var r) || !Enum.IsDefined(r.Rating))
                .Select(k => new FieldError($"Ratings[{k.Id}]", new UserMessage("FundKpiRatingMissing", k.Name))).ToList();
            errors.AddRange(ratings.Keys.Where(id => contract.Kpis.All(k => k.Id != id)).Select(id => new FieldError($"Ratings[{id}]", new UserMessage("FundKpiUnknown", id))));
            if (errors.Count > 0)
            {
                return errors;
            }
            foreach (var kpi in contract.Kpis)
            {
                kpi.Rating = ratings[kpi.Id].Rating;
                kpi.RatingNote = string.IsNullOrWhiteSpace(ratings[kpi.Id].Note) ? null : ratings[kpi.Id].Note!.Trim();
            }
            var score = ContractPlan.Score(contract.Kpis.Select(k => k.Rating!.Value).ToList());
            var passScore = state.Rules.AcceptancePassScore;
            var passed = score >= passScore;
            contract.PerformanceScore = score;
            contract.AcceptancePassed = passed;
            contract.AcceptanceNote = note;
            contract.AcceptedUtc = db.UtcNow;
            contract.AcceptedBy = actor.UserName;
            final.Status = MilestoneStatus.Accepted;
            final.ReviewedUtc = db.UtcNow;
            final.ReviewedBy = actor.UserName;
            final.ReviewNote = note;
            foreach (var tranche in contract.Tranches.Where(t => t.Status == TrancheStatus.Waiting))
            {
                tranche.Status = passed ? TrancheStatus.Payable : TrancheStatus.Withheld;
            }
            var reason = new UserMessage(passed ? "FundAcceptancePassed" : "FundAcceptanceFailed", score.ToString("0.0", CultureInfo.InvariantCulture),
                passScore.ToString("0.#", CultureInfo.InvariantCulture), note);
            FundApplicationStatuses.Move(db, application, passed && contract.Tranches.Any(t => t.Status == TrancheStatus.Payable) ? FundApplicationStatus.Accepted : FundApplicationStatus.Closed, actor.UserName, reason);
            return [];
        });

    /// <summary>The city records a payable tranche as paid, with the voucher; never while payments are held.</summary>
    public Task<UseCaseResult<ContractView>> PayAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, int trancheOrder, PaymentInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, applicationId, input?.Version ?? Guid.Empty, Party.City, cancellationToken, (db, state) =>
        {
            var (application, contract) = (state.Application, state.Contract);
            var tranche = contract.Tranches.SingleOrDefault(t => t.Order == trancheOrder);
            if (tranche is null)
            {
                return Fail("tranche", new UserMessage("FundTrancheUnknown", trancheOrder));
            }
            if (tranche.Status != TrancheStatus.Payable)
            {
                return Fail("tranche", new UserMessage("FundTrancheNotPayable", trancheOrder));
            }
            if (contract.PaymentsHeld)
            {
                return Fail("tranche", new UserMessage("FundPaymentsHeld"));
            }
            var reference = input!.Reference?.Trim() ?? "";
            if (reference.Length is 0 or > 100)
            {
                return Fail(nameof(input.Reference), new UserMessage("FundPaymentReference"));
            }
            var today = ShanghaiTime.Day(db.UtcNow);
            var signed = ShanghaiTime.Day(contract.SignedUtc);
            if (input.PaidOn > today || input.PaidOn < signed)
            {
                return Fail(nameof(input.PaidOn), new UserMessage("FundPaymentDate", Day(signed), Day(today)));
            }
            tranche.Status = TrancheStatus.Paid;
            tranche.PaidOn = input.PaidOn;
            tranche.PaymentReference = reference;
            tranche.PaidBy = actor.UserName;
            Notify.Add(db, Audiences.Organisation(application.ApplicantCreditCode),
                new UserMessage("NotifyTranchePaid", contract.ContractNumber, trancheOrder, FundMoney.Wan(tranche.AmountFen), Day(input.PaidOn)), Link(application.Id));
            // Accepted, and everything the acceptance released is paid: the project is closed (结题).
            if (application.Status == FundApplicationStatus.Accepted && contract.Tranches.All(t => t.Status is TrancheStatus.Paid or TrancheStatus.Withheld))
            {
                FundApplicationStatuses.Move(db, application, FundApplicationStatus.Closed, actor.UserName, new UserMessage("FundProjectClosed", FundMoney.Wan(contract.Tranches.Where(t => t.Status == TrancheStatus.Paid).Sum(t => t.AmountFen))));
            }
            return [];
        }, afterAcceptance: true);

    /// <summary>The contractor asks for new milestone dates or a new budget, with a reason; one request at a time.</summary>
    public Task<UseCaseResult<ContractView>> RequestAmendmentAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, AmendmentInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, applicationId, input?.Version ?? Guid.Empty, Party.Contractor, cancellationToken, (db, state) =>
        {
            var (application, contract) = (state.Application, state.Contract);
            if (state.Amendments.Any(a => a.Status == AmendmentStatus.Pending))
            {
                return Fail("amendment", new UserMessage("FundAmendmentPending"));
            }
            var reason = input!.Reason?.Trim() ?? "";
            if (reason.Length is 0 or > 5000)
            {
                return Fail(nameof(input.Reason), new UserMessage("FundDecisionReason"));
            }
            string before, after;
            if (input.Kind == AmendmentKind.Dates)
            {
                var errors = CheckDates(contract, input.Dates ?? []);
                if (errors.Count > 0)
                {
                    return errors;
                }
                before = JsonSerializer.Serialize(contract.Milestones.OrderBy(m => m.Order).Select(m => new MilestoneDate(m.Order, m.DueOn)).ToList(), Json);
                after = JsonSerializer.Serialize(Proposed(contract, input.Dates!), Json);
            }
            else if (input.Kind == AmendmentKind.Budget)
            {
                var errors = CheckBudget(contract, input.Budget ?? [], state.Rules);
                if (errors.Count > 0)
                {
                    return errors;
                }
                before = contract.BudgetJson;
                after = JsonSerializer.Serialize(input.Budget!.Select(b => b with { Category = b.Category.Trim(), Description = string.IsNullOrWhiteSpace(b.Description) ? null : b.Description.Trim() }).ToList(), Json);
            }
            else
            {
                return Fail(nameof(input.Kind), new UserMessage("FundAmendmentKind"));
            }
            var number = 1 + (state.Amendments.Max(a => (int?)a.Number) ?? 0);
            db.FundAmendments.Add(new FundAmendment
            {
                ContractId = contract.ApplicationId, Number = number, Kind = input.Kind, Reason = reason, BeforeJson = before, AfterJson = after,
                Status = AmendmentStatus.Pending, RequestedUtc = db.UtcNow, RequestedBy = actor.UserName,
            });
            Notify.Add(db, Audiences.City, new UserMessage("NotifyAmendmentRequested", contract.ContractNumber, application.ApplicantName, number, new UserMessage("AmendmentKind." + input.Kind)), Link(application.Id));
            return [];
        });

    /// <summary>The city approves (the change applies now, checked again against the contract as it stands) or rejects an amendment, with a note.</summary>
    public Task<UseCaseResult<ContractView>> DecideAmendmentAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, int number, AmendmentDecisionInput input, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, actor, applicationId, input?.Version ?? Guid.Empty, Party.City, cancellationToken, (db, state) =>
        {
            var (application, contract) = (state.Application, state.Contract);
            var amendment = state.Amendments.SingleOrDefault(a => a.Number == number);
            if (amendment is null || amendment.Status != AmendmentStatus.Pending)
            {
                return Fail("amendment", new UserMessage("FundAmendmentNotPending", number));
            }
            var note = input!.Note?.Trim() ?? "";
            if (note.Length is 0 or > 5000)
            {
                return Fail(nameof(input.Note), new UserMessage("FundDecisionReason"));
            }
            if (input.Approve)
            {
                if (amendment.Kind == AmendmentKind.Dates)
                {
                    var dates = JsonSerializer.Deserialize<List<MilestoneDate>>(amendment.AfterJson, Json) ?? [];
                    var errors = CheckDates(contract, dates);
                    if (errors.Count > 0)
                    {
                        return errors;
                    }
                    foreach (var d in dates)
                    {
                        var milestone = contract.Milestones.Single(m => m.Order == d.MilestoneOrder);
                        milestone.DueOn = d.DueOn;
                        foreach (var kpi in contract.Kpis.Where(k => k.MilestoneOrder == d.MilestoneOrder))
                        {
                            kpi.DueOn = d.DueOn;
                        }
                    }
                    contract.EndsOn = contract.Milestones.Max(m => m.DueOn);
                    contract.MidtermDueOn = contract.StartsOn.AddDays((contract.EndsOn.DayNumber - contract.StartsOn.DayNumber) / 2);
                }
                else
                {
                    contract.BudgetJson = amendment.AfterJson;
                }
            }
            amendment.Status = input.Approve ? AmendmentStatus.Approved : AmendmentStatus.Rejected;
            amendment.DecisionNote = note;
            amendment.DecidedUtc = db.UtcNow;
            amendment.DecidedBy = actor.UserName;
            Notify.Add(db, Audiences.Organisation(application.ApplicantCreditCode),
                new UserMessage(input.Approve ? "NotifyAmendmentApproved" : "NotifyAmendmentRejected", contract.ContractNumber, number, note), Link(application.Id));
            return [];
        });

    private sealed record ContractState(FundApplication Application, FundContract Contract, FundCallRules Rules, List<FundAmendment> Amendments);

    private enum Party
    {
        Contractor,
        City,
    }

    /// <summary>
    /// One change to a contract: loads it with its parts, checks who may act and that the change was decided on the
    /// version it read, lets <paramref name="change"/> validate and apply, and saves (the contract's version moves).
    /// </summary>
    private async Task<UseCaseResult<ContractView>> ChangeAsync(ClaimsPrincipal user, AuditActor actor, Guid applicationId, Guid version, Party party,
        CancellationToken cancellationToken, Func<ZjDbContext, ContractState, List<FieldError>> change, bool afterAcceptance = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var application = await db.FundApplications.SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !await CanReadAsync(user, application))
        {
            return UseCaseResult<ContractView>.NotFound();
        }
        var contract = await db.FundContracts.Include(c => c.Kpis).Include(c => c.Milestones).Include(c => c.Tranches)
            .SingleOrDefaultAsync(c => c.ApplicationId == applicationId, cancellationToken);
        if (contract is null)
        {
            return UseCaseResult<ContractView>.NotFound();
        }
        if (party == Party.Contractor ? !IsContractor(user, application) : !CanManage(user, application))
        {
            return UseCaseResult<ContractView>.Forbidden();
        }
        if (contract.Version != version)
        {
            return UseCaseResult<ContractView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        // After acceptance (passed or failed) only payments of what was released remain.
        if (application.Status != FundApplicationStatus.Contracted && !(afterAcceptance && application.Status is FundApplicationStatus.Accepted or FundApplicationStatus.Closed))
        {
            return UseCaseResult<ContractView>.Conflict(new UserMessage("FundContractNotActive"));
        }
        var rules = FundCallRules.FromJson(await db.FundCalls.AsNoTracking().Where(c => c.Id == application.CallId).Select(c => c.RulesJson).SingleAsync(cancellationToken));
        var amendments = await db.FundAmendments.Where(a => a.ContractId == applicationId).ToListAsync(cancellationToken);
        var errors = change(db, new ContractState(application, contract, rules, amendments));
        if (errors.Count > 0)
        {
            return UseCaseResult<ContractView>.Invalid(errors);
        }
        // Every change to a part is a change to the contract: its version moves, so a second editor is told.
        db.Entry(contract).Property(c => c.Version).IsModified = true;
        db.Entry(contract).Property(c => c.Version).OriginalValue = version;
        if (!await SaveAsync(db, cancellationToken))
        {
            return UseCaseResult<ContractView>.Conflict(new UserMessage("ConcurrentEditUnknown"));
        }
        return await GetAsync(user, applicationId, cancellationToken);
    }

    private static List<FieldError> CheckDates(FundContract contract, IReadOnlyList<MilestoneDate> dates)
    {
        var errors = new List<FieldError>();
        if (dates.Count == 0)
        {
            errors.Add(new FieldError("Dates", new UserMessage("FundAmendmentEmpty")));
            return errors;
        }
        foreach (var d in dates)
        {
            var milestone = contract.Milestones.SingleOrDefault(m => m.Order == d.MilestoneOrder);
            if (milestone is null)
            {
                errors.Add(new FieldError($"Dates[{d.MilestoneOrder}]", new UserMessage("FundMilestoneUnknown", d.MilestoneOrder)));
            }
            else if (milestone.Status == MilestoneStatus.Accepted)
            {
                errors.Add(new FieldError($"Dates[{d.MilestoneOrder}]", new UserMessage("FundMilestoneAlreadyAccepted", d.MilestoneOrder)));
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var proposed = Proposed(contract, dates);
        var previous = contract.StartsOn;
        foreach (var d in proposed)
        {
            if (d.DueOn <= previous)
            {
                errors.Add(new FieldError($"Dates[{d.MilestoneOrder}]", new UserMessage("FundMilestoneOrder", d.MilestoneOrder, Day(previous))));
            }
            previous = d.DueOn;
        }
        return errors;
    }

    private static List<MilestoneDate> Proposed(FundContract contract, IReadOnlyList<MilestoneDate> dates) =>
        contract.Milestones.OrderBy(m => m.Order)
            .Select(m => new MilestoneDate(m.Order, dates.LastOrDefault(d => d.MilestoneOrder == m.Order)?.DueOn ?? m.DueOn)).ToList();

    private static List<FieldError> CheckBudget(FundContract contract, IReadOnlyList<ContractBudgetLine> lines, FundCallRules rules)
    {
        var errors = new List<FieldError>();
        if (lines.Count == 0)
        {
            errors.Add(new FieldError("Budget", new UserMessage("FundAmendmentEmpty")));
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line.Category) || line.Category.Trim().Length > 100)
            {
                errors.Add(new FieldError($"Budget[{i}].Category", new UserMessage("FundBudgetCategory")));
            }
            if (line.FundFen < 0 || line.SelfFen < 0)
            {
                errors.Add(new FieldError($"Budget[{i}]", new UserMessage("FundBudgetNegative")));
            }
        }
        var fund = lines.Sum(l => l.FundFen);
        if (fund > contract.GrantFen)
        {
            errors.Add(new FieldError("Budget", new UserMessage("FundBudgetOverGrant", FundMoney.Wan(fund), FundMoney.Wan(contract.GrantFen))));
        }
        var self = lines.Sum(l => l.SelfFen);
        if (self * 100 < contract.GrantFen * rules.MinSelfFundingPercent)
        {
            errors.Add(new FieldError("Budget", new UserMessage("FundBudgetSelfShort", rules.MinSelfFundingPercent, FundMoney.Wan(self))));
        }
        return errors;
    }

    private static bool IsOverdue(FundMilestone m, DateOnly today) => m.Status is MilestoneStatus.Open or MilestoneStatus.Returned && m.DueOn < today;

    private static List<ContractBudgetLine> Budget(FundContract contract) => JsonSerializer.Deserialize<List<ContractBudgetLine>>(contract.BudgetJson, Json) ?? [];

    private static List<FieldError> Fail(string field, UserMessage message) => [new FieldError(field, message)];

    private async Task<bool> CanReadAsync(ClaimsPrincipal user, FundApplication application) =>
        (await authorization.AuthorizeAsync(user, new FundApplicationResource(application.ApplicantCreditCode, application.ParkCode, application.Status), Operations.Read)).Succeeded;

    private static bool IsContractor(ClaimsPrincipal user, FundApplication application) =>
        FundApplicationAuthorizationHandler.IsApplicant(user) && string.Equals(user.OrganisationScope(), application.ApplicantCreditCode, StringComparison.Ordinal);

    /// <summary>City staff manage contracts, but never one of their own organisation's awards.</summary>
    private static bool CanManage(ClaimsPrincipal user, FundApplication application) =>
        user.IsCityWide() && !string.Equals(user.OrganisationScope(), application.ApplicantCreditCode, StringComparison.Ordinal);

    private static async Task<bool> SaveAsync(ZjDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static string Link(Guid applicationId) => "/fund/contracts/" + applicationId;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
