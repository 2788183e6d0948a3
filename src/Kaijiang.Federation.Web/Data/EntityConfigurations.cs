using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kaijiang.Federation.Web.Data;

// Lengths are deliberate: names as on a resident ID card or a registration certificate, codes as their standards.

internal static class Precision
{
    public const int Money = 18;
    public const int MoneyScale = 2;

    public static PropertyBuilder<decimal> IsMoney(this PropertyBuilder<decimal> p) => p.HasPrecision(Money, MoneyScale);

    public static PropertyBuilder<decimal?> IsMoney(this PropertyBuilder<decimal?> p) => p.HasPrecision(Money, MoneyScale);
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        b.Property(o => o.Path).HasMaxLength(OrganisationPath.MaxLength).IsUnicode(false).IsRequired();
        b.Property(o => o.PinyinInitials).HasMaxLength(40).IsUnicode(false);
        b.Property(o => o.DivisionCode).HasMaxLength(12).IsUnicode(false);
        b.Property(o => o.AnnualFunds).IsMoney();
        b.Property(o => o.ContactName).HasMaxLength(Person.NameMaxLength);
        b.Property(o => o.ContactPhone).HasMaxLength(20).IsUnicode(false);
        b.Property(o => o.Address).HasMaxLength(200);
        b.HasOne(o => o.Parent).WithMany(o => o.Children).HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);

        // The subtree of X is the range [X.Path, upper bound) on this unique index.
        b.HasIndex(o => o.Path).IsUnique();
        b.HasIndex(o => new { o.ParentId, o.Name });
        b.HasIndex(o => o.DivisionCode);
        b.HasIndex(o => o.PinyinInitials);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(p => p.Ethnicity).HasMaxLength(20);
        // Encrypted (FederationDbContext's converters): "e1.<key id>.<base64>", about 70 characters for an ID number.
        b.Property(p => p.Phone).HasMaxLength(128).IsUnicode(false);
        b.Property(p => p.IdNumber).HasMaxLength(128).IsUnicode(false);
        b.Property(p => p.IdNumberHash).HasMaxLength(64).IsUnicode(false);
        b.Property(p => p.PhoneHash).HasMaxLength(64).IsUnicode(false);
        b.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // One person, one record: an ID number identifies her (nulls allowed for people registered without one).
        // The ciphertext differs at every write, so uniqueness and search use the keyed hash.
        b.HasIndex(p => p.IdNumberHash).IsUnique();
        b.HasIndex(p => p.PhoneHash);
        b.HasIndex(p => p.Name);
        b.HasIndex(p => p.OrganisationId);
    }
}

internal sealed class OfficeTermConfiguration : IEntityTypeConfiguration<OfficeTerm>
{
    public void Configure(EntityTypeBuilder<OfficeTerm> b)
    {
        b.Property(t => t.EndNote).HasMaxLength(500);
        b.Property(t => t.ElectedAt).HasMaxLength(100);
        b.Property(t => t.MonthlyStipend).IsMoney();
        b.Property(t => t.SecretaryMonthlyPay).IsMoney();
        b.HasOne(t => t.Organisation).WithMany(o => o.OfficeTerms).HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.OrganisationId, t.EndedOn, t.Office });
        b.HasIndex(t => t.PersonId);
        b.HasIndex(t => t.PlannedEndOn);
    }
}

internal sealed class ServiceSiteConfiguration : IEntityTypeConfiguration<ServiceSite>
{
    public void Configure(EntityTypeBuilder<ServiceSite> b)
    {
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.Property(s => s.AreaSquareMetres).HasPrecision(9, 2);
        b.Property(s => s.SubsidyReceived).IsMoney();
        b.Ignore(s => s.IsStandardised);
        b.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.OrganisationId, s.Kind });
        b.HasIndex(s => new { s.Kind, s.StandardisedOn });
    }
}

internal sealed class StandardChecklistItemConfiguration : IEntityTypeConfiguration<StandardChecklistItem>
{
    public void Configure(EntityTypeBuilder<StandardChecklistItem> b)
    {
        b.Property(i => i.NameZh).HasMaxLength(StandardChecklistItem.NameMaxLength).IsRequired();
        b.Property(i => i.NameEn).HasMaxLength(StandardChecklistItem.NameMaxLength * 2).IsRequired();
        b.HasIndex(i => new { i.Kind, i.NameZh }).IsUnique();
    }
}

internal sealed class ServiceSiteChecklistItemConfiguration : IEntityTypeConfiguration<ServiceSiteChecklistItem>
{
    public void Configure(EntityTypeBuilder<ServiceSiteChecklistItem> b)
    {
        b.HasKey(m => new { m.ServiceSiteId, m.StandardChecklistItemId });
        b.HasOne(m => m.ServiceSite).WithMany(s => s.MetItems).HasForeignKey(m => m.ServiceSiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Item).WithMany().HasForeignKey(m => m.StandardChecklistItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.StandardChecklistItemId);
    }
}

internal sealed class SiteInspectionConfiguration : IEntityTypeConfiguration<SiteInspection>
{
    public void Configure(EntityTypeBuilder<SiteInspection> b)
    {
        b.Property(i => i.Inspector).HasMaxLength(SiteInspection.InspectorMaxLength).IsRequired();
        b.Property(i => i.Note).HasMaxLength(SiteInspection.NoteMaxLength);
        b.Property(i => i.RecordedBy).HasMaxLength(256);
        b.HasOne(i => i.ServiceSite).WithMany(s => s.Inspections).HasForeignKey(i => i.ServiceSiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.ServiceSiteId, i.VisitedOn });
    }
}

internal sealed class SiteInspectionFindingConfiguration : IEntityTypeConfiguration<SiteInspectionFinding>
{
    public void Configure(EntityTypeBuilder<SiteInspectionFinding> b)
    {
        b.HasKey(f => new { f.SiteInspectionId, f.StandardChecklistItemId });
        b.HasOne(f => f.SiteInspection).WithMany(i => i.Findings).HasForeignKey(f => f.SiteInspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.Item).WithMany().HasForeignKey(f => f.StandardChecklistItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => f.StandardChecklistItemId);
    }
}

internal sealed class ServiceSiteManagerConfiguration : IEntityTypeConfiguration<ServiceSiteManager>
{
    public void Configure(EntityTypeBuilder<ServiceSiteManager> b)
    {
        b.HasKey(m => new { m.ServiceSiteId, m.PersonId });
        b.HasOne(m => m.ServiceSite).WithMany(s => s.Managers).HasForeignKey(m => m.ServiceSiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FamilyConfiguration : IEntityTypeConfiguration<Family>
{
    public void Configure(EntityTypeBuilder<Family> b)
    {
        b.Property(f => f.Name).HasMaxLength(100).IsRequired();
        b.HasOne(f => f.Organisation).WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(f => f.HouseholdHead).WithMany().HasForeignKey(f => f.HouseholdHeadId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => f.OrganisationId);
        b.HasIndex(f => f.HouseholdHeadId);
        b.HasIndex(f => f.Name);
    }
}

internal sealed class FamilyMemberConfiguration : IEntityTypeConfiguration<FamilyMember>
{
    public void Configure(EntityTypeBuilder<FamilyMember> b)
    {
        b.Property(m => m.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(m => m.Relation).HasMaxLength(20).IsRequired();
        b.HasOne(m => m.Family).WithMany(f => f.Members).HasForeignKey(m => m.FamilyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwardTitleConfiguration : IEntityTypeConfiguration<AwardTitle>
{
    public void Configure(EntityTypeBuilder<AwardTitle> b)
    {
        b.Property(t => t.Code).HasMaxLength(40).IsUnicode(false).IsRequired();
        b.Property(t => t.NameZh).HasMaxLength(50).IsRequired();
        b.Property(t => t.NameEn).HasMaxLength(100).IsRequired();
        b.HasIndex(t => t.Code).IsUnique();
    }
}

internal sealed class FamilyAwardConfiguration : IEntityTypeConfiguration<FamilyAward>
{
    public void Configure(EntityTypeBuilder<FamilyAward> b)
    {
        b.Property(a => a.Citation).HasMaxLength(4000);
        b.Property(a => a.NominatedBy).HasMaxLength(256);
        b.Property(a => a.RecommendedBy).HasMaxLength(256);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        b.HasOne(a => a.Family).WithMany().HasForeignKey(a => a.FamilyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.AwardTitle).WithMany().HasForeignKey(a => a.AwardTitleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.OrganisationId, a.Year });
        b.HasIndex(a => new { a.AwardTitleId, a.Level, a.Status });
        // A family holds a title once a year, at whatever level and stage of the pipeline (the rule says it too).
        b.HasIndex(a => new { a.FamilyId, a.AwardTitleId, a.Year }).IsUnique();
        b.HasIndex(a => new { a.Status, a.Year });
    }
}

internal sealed class FamilyMottoConfiguration : IEntityTypeConfiguration<FamilyMotto>
{
    public void Configure(EntityTypeBuilder<FamilyMotto> b)
    {
        b.Property(m => m.Text).HasMaxLength(2000).IsRequired();
        b.HasOne(m => m.Family).WithMany().HasForeignKey(m => m.FamilyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Books).WithMany(k => k.Mottos).UsingEntity("FamilyMottoBooks");
        b.HasIndex(m => m.OrganisationId);
    }
}

internal sealed class BookConfiguration : IEntityTypeConfiguration<Book>
{
    public void Configure(EntityTypeBuilder<Book> b)
    {
        b.Property(k => k.Title).HasMaxLength(100).IsRequired();
        b.Property(k => k.Publisher).HasMaxLength(100);
        b.HasIndex(k => k.Title).IsUnique();
    }
}

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> b)
    {
        b.Property(l => l.Bank).HasMaxLength(100).IsRequired();
        b.Property(l => l.Guarantee).HasMaxLength(200);
        b.Property(l => l.Amount).IsMoney();
        b.Property(l => l.AnnualRate).HasPrecision(9, 6);
        b.Property(l => l.InterestSubsidy).IsMoney();
        b.Property(l => l.Industry).HasMaxLength(50).IsRequired();
        b.Property(l => l.WriteOffReason).HasMaxLength(500);
        b.HasOne(l => l.Borrower).WithMany().HasForeignKey(l => l.BorrowerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Organisation).WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.OrganisationId, l.DisbursedOn });
        b.HasIndex(l => l.BorrowerId);
        b.HasIndex(l => l.DueOn);
    }
}

internal sealed class LoanRepaymentConfiguration : IEntityTypeConfiguration<LoanRepayment>
{
    public void Configure(EntityTypeBuilder<LoanRepayment> b)
    {
        b.Property(r => r.Principal).IsMoney();
        b.Property(r => r.Interest).IsMoney();
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.RecordedBy).HasMaxLength(256);
        b.HasOne(r => r.Loan).WithMany(l => l.Repayments).HasForeignKey(r => r.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LoanRepayment>().WithMany().HasForeignKey(r => r.CorrectsRepaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.LoanId, r.PaidOn });
    }
}

internal sealed class StartupGrantConfiguration : IEntityTypeConfiguration<StartupGrant>
{
    public void Configure(EntityTypeBuilder<StartupGrant> b)
    {
        b.Property(g => g.Business).HasMaxLength(100).IsRequired();
        b.Property(g => g.Amount).IsMoney();
        b.HasOne(g => g.Graduate).WithMany().HasForeignKey(g => g.GraduateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(g => g.Organisation).WithMany().HasForeignKey(g => g.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(g => new { g.OrganisationId, g.GrantedOn });
    }
}

internal sealed class BaseConfiguration : IEntityTypeConfiguration<Base>
{
    public void Configure(EntityTypeBuilder<Base> b)
    {
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Leader).WithMany().HasForeignKey(x => x.LeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.Kind });
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Funder).HasMaxLength(100).IsRequired();
        b.Property(x => x.Funds).IsMoney();
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.Year });
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> b)
    {
        b.Property(x => x.Title).HasMaxLength(200).IsRequired();
        b.Property(x => x.Topic).HasMaxLength(200);
        b.Property(x => x.Organiser).HasMaxLength(100);
        b.Ignore(x => x.EndsOn);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.HeldOn });
    }
}

internal sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> b)
    {
        b.Property(x => x.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(x => x.Speciality).HasMaxLength(100);
        b.Property(x => x.Employer).HasMaxLength(100);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.Kind });
    }
}

internal sealed class JobFairConfiguration : IEntityTypeConfiguration<JobFair>
{
    public void Configure(EntityTypeBuilder<JobFair> b)
    {
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Place).HasMaxLength(100);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.HeldOn });
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.BuiltWith).HasMaxLength(200);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.Kind });
    }
}

internal sealed class OutreachChannelConfiguration : IEntityTypeConfiguration<OutreachChannel>
{
    public void Configure(EntityTypeBuilder<OutreachChannel> b)
    {
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.Kind });
    }
}

internal sealed class ReportIndicatorConfiguration : IEntityTypeConfiguration<ReportIndicator>
{
    public void Configure(EntityTypeBuilder<ReportIndicator> b)
    {
        b.Property(x => x.Code).HasMaxLength(40).IsUnicode(false).IsRequired();
        b.Property(x => x.NameZh).HasMaxLength(100).IsRequired();
        b.Property(x => x.NameEn).HasMaxLength(200).IsRequired();
        b.Property(x => x.UnitZh).HasMaxLength(20).IsRequired();
        b.Property(x => x.UnitEn).HasMaxLength(40).IsRequired();
        b.Property(x => x.GroupZh).HasMaxLength(50).IsRequired();
        b.Property(x => x.GroupEn).HasMaxLength(100).IsRequired();
        b.Property(x => x.Minimum).HasPrecision(18, 4);
        b.Property(x => x.Maximum).HasPrecision(18, 4);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> b)
    {
        b.Property(x => x.SubmittedBy).HasMaxLength(256);
        b.Property(x => x.ReviewedBy).HasMaxLength(256);
        b.Property(x => x.ReviewComment).HasMaxLength(2000);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganisationId, x.Period }).IsUnique();
        b.HasIndex(x => new { x.Period, x.Status });
    }
}

internal sealed class MonthlyReportValueConfiguration : IEntityTypeConfiguration<MonthlyReportValue>
{
    public void Configure(EntityTypeBuilder<MonthlyReportValue> b)
    {
        b.Property(x => x.IndicatorCode).HasMaxLength(40).IsUnicode(false).IsRequired();
        b.Property(x => x.IndicatorNameZh).HasMaxLength(100).IsRequired();
        b.Property(x => x.IndicatorNameEn).HasMaxLength(200).IsRequired();
        b.Property(x => x.UnitZh).HasMaxLength(20).IsRequired();
        b.Property(x => x.UnitEn).HasMaxLength(40).IsRequired();
        b.Property(x => x.Value).HasPrecision(18, 4);
        b.HasOne(x => x.MonthlyReport).WithMany(r => r.Values).HasForeignKey(x => x.MonthlyReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ReportIndicator).WithMany().HasForeignKey(x => x.ReportIndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MonthlyReportId, x.ReportIndicatorId }).IsUnique();
        b.HasIndex(x => x.ReportIndicatorId);
    }
}

internal sealed class ReportSectionConfiguration : IEntityTypeConfiguration<ReportSection>
{
    public void Configure(EntityTypeBuilder<ReportSection> b)
    {
        b.Property(x => x.Code).HasMaxLength(40).IsUnicode(false).IsRequired();
        b.Property(x => x.NameZh).HasMaxLength(100).IsRequired();
        b.Property(x => x.NameEn).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class MonthlyReportTextConfiguration : IEntityTypeConfiguration<MonthlyReportText>
{
    public void Configure(EntityTypeBuilder<MonthlyReportText> b)
    {
        b.Property(x => x.SectionCode).HasMaxLength(40).IsUnicode(false).IsRequired();
        b.Property(x => x.SectionNameZh).HasMaxLength(100).IsRequired();
        b.Property(x => x.SectionNameEn).HasMaxLength(200).IsRequired();
        b.Property(x => x.Text).HasMaxLength(ReportSection.TextMaxLength);
        b.HasOne(x => x.MonthlyReport).WithMany(r => r.Texts).HasForeignKey(x => x.MonthlyReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ReportSection).WithMany().HasForeignKey(x => x.ReportSectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.MonthlyReportId, x.ReportSectionId }).IsUnique();
        b.HasIndex(x => x.ReportSectionId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(40).IsRequired();
        b.Property(x => x.EntityType).HasMaxLength(100).IsRequired();
        b.Property(x => x.EntityId).HasMaxLength(100);
        b.Property(x => x.OrganisationPath).HasMaxLength(OrganisationPath.MaxLength).IsUnicode(false);
        b.Property(x => x.PreviousHash).HasMaxLength(64).IsUnicode(false);
        b.Property(x => x.Hash).HasMaxLength(64).IsUnicode(false);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => x.UserName);
    }
}

internal sealed class PendingImportConfiguration : IEntityTypeConfiguration<PendingImport>
{
    public void Configure(EntityTypeBuilder<PendingImport> b)
    {
        b.HasKey(x => x.Token);
        b.Property(x => x.Token).HasMaxLength(PendingImport.TokenLength).IsUnicode(false);
        b.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.Payload).IsRequired().IsUnicode(false);
        b.HasIndex(x => x.ExpiresAt);
    }
}

internal sealed class DashboardSnapshotConfiguration : IEntityTypeConfiguration<DashboardSnapshot>
{
    public void Configure(EntityTypeBuilder<DashboardSnapshot> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.ScopePath).HasMaxLength(OrganisationPath.MaxLength).IsUnicode(false).IsRequired();
        b.Property(x => x.Figures).IsRequired();
        b.HasIndex(x => new { x.ScopePath, x.PartPathLength, x.AsOf });
    }
}

internal sealed class FederationUserConfiguration : IEntityTypeConfiguration<FederationUser>
{
    public void Configure(EntityTypeBuilder<FederationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        b.HasOne(u => u.ScopeOrganisation).WithMany().HasForeignKey(u => u.ScopeOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.ScopeOrganisationId);
    }
}
