using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// The portal's database. Each provider has a small subclass (<see cref="SqliteFederationDbContext"/> …) that
/// owns that provider's migrations; code everywhere else uses this type.
/// </summary>
public abstract class FederationDbContext : IdentityDbContext<FederationUser>, IDataProtectionKeyContext
{
    private IOrganisationScope? _scope;

    /// <summary>
    /// Contexts are pooled (<see cref="DatabaseRegistration"/>): the constructor takes the options only, and what
    /// belongs to one request (the user's scope, the audit actor, the per-save interceptors) is handed over by
    /// <see cref="Lease"/> each time the context is taken from the pool.
    /// </summary>
    protected FederationDbContext(DbContextOptions options)
        : base(options)
    {
        // A singleton, found through the options before anything builds the model (the model's converters hold its keys).
        PersonalData = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(PersonalDataProtector)) as PersonalDataProtector;
    }

    /// <summary>
    /// Encrypts ID numbers and phones on their way to the database. Null only where no data is read or written
    /// (the design-time tools that make migrations); the model is the same either way.
    /// </summary>
    public PersonalDataProtector? PersonalData { get; }

    /// <summary>
    /// This lease's save interceptors, in order (the audit trail, then the record-change signal):
    /// they keep state between the stages of one save, so each lease gets its own, called by
    /// <see cref="LeaseInterceptors"/>, the one interceptor in the shared options.
    /// </summary>
    internal IReadOnlyList<ISaveChangesInterceptor> SaveInterceptors { get; private set; } = [];

    /// <summary>The read caches' change generation, moved on again after an explicit transaction commits (<see cref="DatabaseTransactions"/>).</summary>
    internal RecordChangeSignal? ChangeSignal { get; private set; }

    /// <summary>Hands the context to one request (or one unit of work): its scope and its save interceptors; resets the rest.</summary>
    public void Lease(IOrganisationScope? scope, IReadOnlyList<ISaveChangesInterceptor> saveInterceptors, RecordChangeSignal? changeSignal)
    {
        _scope = scope;
        SaveInterceptors = saveInterceptors;
        ChangeSignal = changeSignal;
        AuditDisabled = false;
    }

    /// <summary>
    /// The path of the subtree this context sees, or null when it sees everything. Read at every query, never
    /// cached: a request's context may be created during authentication, before the user is known.
    /// </summary>
    public string? ScopePath => _scope?.Path;

    /// <summary>The organisations above the scope: their monthly reports are read (never written) by the user.</summary>
    public IReadOnlyList<int> ScopeAncestorIds => _scope?.AncestorIds ?? [];

    // The range of paths the context sees: the user's subtree, or every path for an unscoped context. Always a range,
    // never "no scope OR in range": PostgreSQL turns EXISTS into a semi-join only when it is not under an OR, and
    // without the join every scoped query on a large table read the whole table (docs/performance.md, Province scale).
    private string ScopeLowerBound => _scope?.Path ?? "";

    private string ScopeUpperBound => _scope?.Path is { } path ? OrganisationPath.SubtreeUpperBound(path) : OrganisationPath.AfterEveryPath;

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
    public DbSet<PendingImport> PendingImports => Set<PendingImport>();
    public DbSet<DashboardSnapshot> DashboardSnapshots => Set<DashboardSnapshot>();

    /// <summary>The ASP.NET Core data-protection key ring (sign-in and anti-forgery cookies), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// A save outside any transaction runs inside the execution strategy, so that the audit's own transaction (added
    /// records and their entries together) is allowed when connections retry; a retried save is whole.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Database.CurrentTransaction is null && Database.CreateExecutionStrategy() is { RetriesOnFailure: true } strategy
            ? strategy.Execute(acceptAllChangesOnSuccess, accept => base.SaveChanges(accept))
            : base.SaveChanges(acceptAllChangesOnSuccess);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Database.CurrentTransaction is null && Database.CreateExecutionStrategy() is { RetriesOnFailure: true } strategy
            ? strategy.ExecuteAsync(ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken)
            : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FederationDbContext).Assembly);

        // Personal data at rest: the columns hold ciphertext, the entity clear text (see PersonalDataProtector).
        if (PersonalData is not { } personalData)
        {
            // A context made without keys (design-time tools, model checks): a converter that refuses to run.
            builder.Entity<Person>().Property(p => p.IdNumber).HasConversion(NoKey);
            builder.Entity<Person>().Property(p => p.Phone).HasConversion(NoKey);
        }
        else
        {
            builder.Entity<Person>().Property(p => p.IdNumber).HasConversion(personalData.ConverterFor(PersonalDataProtector.IdNumberField));
            builder.Entity<Person>().Property(p => p.Phone).HasConversion(personalData.ConverterFor(PersonalDataProtector.PhoneField));
        }

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(EditableEntity).IsAssignableFrom(entityType.ClrType))
            {
                builder.Entity(entityType.ClrType).Property(nameof(EditableEntity.Version)).IsConcurrencyToken();
            }
        }

        // Scope: one mechanism for every organisation-owned record. A context without a scope sees all.
        builder.Entity<Organisation>().HasQueryFilter(o =>
            o.Path.CompareTo(ScopeLowerBound) >= 0 && o.Path.CompareTo(ScopeUpperBound) < 0);
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
        // (Organisations is filtered to the scope's range, every path for an unscoped context: no "ScopePath == null ||".)
        builder.Entity<MonthlyReport>().HasQueryFilter(e =>
            Organisations.Any(o => o.Id == e.OrganisationId) || ScopeAncestorIds.Contains(e.OrganisationId));
    }

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<string?, string?> NoKey =
        new(v => RefuseWithoutKey(v), v => RefuseWithoutKey(v));

    private static string RefuseWithoutKey(string? value) =>
        throw new PersonalDataKeyException("This database context was created without the personal-data keys (Privacy:*).");

    private void ApplyScope<T>(ModelBuilder builder)
        where T : class, IOrganisationOwned
    {
        // The owned record is visible when its organisation is; EF inlines the organisation's filter in the join.
        builder.Entity<T>().HasQueryFilter(e => Organisations.Any(o => o.Id == e.OrganisationId));
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

/// <summary>Keeps one EF model per context type and personal-data key set: the model's converters hold the keys.</summary>
public sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, (context as FederationDbContext)?.PersonalData?.Fingerprint);
}

public sealed class SqliteFederationDbContext(DbContextOptions<SqliteFederationDbContext> options)
    : FederationDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time-with-offset type; as a number it can be ordered and compared in queries.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerFederationDbContext(DbContextOptions<SqlServerFederationDbContext> options)
    : FederationDbContext(options);

public sealed class PostgreSqlFederationDbContext(DbContextOptions<PostgreSqlFederationDbContext> options)
    : FederationDbContext(options)
{
    public const string NameTrigramIndex = "IX_People_Name_Trigram";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // "Part of a name" (LIKE '%…%') over a province's 300,000 people: a trigram GIN index answers it from the
        // index where a B-tree cannot (pg_trgm is a trusted extension: the database owner may create it).
        // Names of one or two characters have no trigram and fall back to the B-tree on Name; see performance.md.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Person>().HasIndex(p => p.Name, NameTrigramIndex).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
