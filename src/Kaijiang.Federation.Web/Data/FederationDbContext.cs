using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// The portal's database. Each provider has a small subclass (<see cref="SqliteFederationDbContext"/> …) that
/// owns that provider's migrations; code everywhere else uses this type.
/// </summary>
public abstract class FederationDbContext : IdentityDbContext<FederationUser>
{
    private readonly IOrganisationScope? _scope;

    protected FederationDbContext(DbContextOptions options, IOrganisationScope? scope)
        : base(options)
    {
        _scope = scope;
    }

    /// <summary>
    /// The path of the subtree this context sees, or null when it sees everything. Read at every query, never
    /// cached: a request's context may be created during authentication, before the user is known.
    /// </summary>
    public string? ScopePath => _scope?.Path;

    /// <summary>The organisations above the scope: their monthly reports are read (never written) by the user.</summary>
    public IReadOnlyList<int> ScopeAncestorIds => _scope?.AncestorIds ?? [];

    private string? ScopeUpperBound => _scope?.Path is { } path ? OrganisationPath.SubtreeUpperBound(path) : null;

    /// <summary>Turns the audit trail off for bulk loads (the demo seed, the data generator).</summary>
    public bool AuditDisabled { get; set; }

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<OfficeTerm> OfficeTerms => Set<OfficeTerm>();
    public DbSet<ServiceSite> ServiceSites => Set<ServiceSite>();
    public DbSet<ServiceSiteManager> ServiceSiteManagers => Set<ServiceSiteManager>();
    public DbSet<StandardChecklistItem> StandardChecklistItems => Set<StandardChecklistItem>();
    public DbSet<ServiceSiteChecklistItem> ServiceSiteChecklistItems => Set<ServiceSiteChecklistItem>();
    public DbSet<SiteInspection> SiteInspections => Set<SiteInspection>();
    public DbSet<Family> Families => Set<Family>();
    public DbSet<FamilyMember> FamilyMembers => Set<FamilyMember>();
    public DbSet<AwardTitle> AwardTitles => Set<AwardTitle>();
    public DbSet<FamilyAward> FamilyAwards => Set<FamilyAward>();
    public DbSet<FamilyMotto> FamilyMottos => Set<FamilyMotto>();
    public DbSet<Book> Books => Set<Book>();
    public DbSet<Loan> Loans => Set<Loan>();
    public DbSet<LoanRepayment> LoanRepayments => Set<LoanRepayment>();
    public DbSet<StartupGrant> StartupGrants => Set<StartupGrant>();
    public DbSet<Base> Bases => Set<Base>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Training> Trainings => Set<Training>();
    public DbSet<Expert> Experts => Set<Expert>();
    public DbSet<JobFair> JobFairs => Set<JobFair>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<OutreachChannel> OutreachChannels => Set<OutreachChannel>();
    public DbSet<ReportIndicator> ReportIndicators => Set<ReportIndicator>();
    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();
    public DbSet<MonthlyReportValue> MonthlyReportValues => Set<MonthlyReportValue>();
    public DbSet<ReportSection> ReportSections => Set<ReportSection>();
    public DbSet<MonthlyReportText> MonthlyReportTexts => Set<MonthlyReportText>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FederationDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(EditableEntity).IsAssignableFrom(entityType.ClrType))
            {
                builder.Entity(entityType.ClrType).Property(nameof(EditableEntity.Version)).IsConcurrencyToken();
            }
        }

        // Scope: one mechanism for every organisation-owned record. A context without a scope sees all.
        builder.Entity<Organisation>().HasQueryFilter(o =>
            ScopePath == null || (o.Path.CompareTo(ScopePath) >= 0 && o.Path.CompareTo(ScopeUpperBound) < 0));
        ApplyScope<Person>(builder);
        ApplyScope<OfficeTerm>(builder);
        ApplyScope<ServiceSite>(builder);
        ApplyScope<Family>(builder);
        ApplyScope<FamilyAward>(builder);
        ApplyScope<FamilyMotto>(builder);
        ApplyScope<Loan>(builder);
        ApplyScope<StartupGrant>(builder);
        ApplyScope<Base>(builder);
        ApplyScope<Project>(builder);
        ApplyScope<Training>(builder);
        ApplyScope<Expert>(builder);
        ApplyScope<JobFair>(builder);
        ApplyScope<Partner>(builder);
        ApplyScope<OutreachChannel>(builder);
        // A report belongs to a township; the people below it (a village chair) read their own township's reports.
        builder.Entity<MonthlyReport>().HasQueryFilter(e =>
            ScopePath == null || Organisations.Any(o => o.Id == e.OrganisationId) || ScopeAncestorIds.Contains(e.OrganisationId));
    }

    private void ApplyScope<T>(ModelBuilder builder)
        where T : class, IOrganisationOwned
    {
        // The owned record is visible when its organisation is; EF inlines the organisation's filter in the join.
        builder.Entity<T>().HasQueryFilter(e =>
            ScopePath == null || Organisations.Any(o => o.Id == e.OrganisationId));
    }
}

/// <summary>The subtree the current user may see; supplied per request from the user's claims.</summary>
public interface IOrganisationScope
{
    /// <summary>The materialised path of the user's scope organisation, or null for an unscoped context.</summary>
    string? Path { get; }

    /// <summary>The ids of the organisations above the scope organisation (none for an unscoped context).</summary>
    IReadOnlyList<int> AncestorIds => [];
}

public sealed class SqliteFederationDbContext(DbContextOptions<SqliteFederationDbContext> options, IOrganisationScope? scope = null)
    : FederationDbContext(options, scope)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-with-offset type; as a number it can be ordered and compared in queries.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerFederationDbContext(DbContextOptions<SqlServerFederationDbContext> options, IOrganisationScope? scope = null)
    : FederationDbContext(options, scope);

public sealed class PostgreSqlFederationDbContext(DbContextOptions<PostgreSqlFederationDbContext> options, IOrganisationScope? scope = null)
    : FederationDbContext(options, scope);
