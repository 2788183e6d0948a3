using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>Named policies for actions; records are then checked by <see cref="OrganisationAuthorizationHandler"/>.</summary>
public static class Policies
{
    /// <summary>Any signed-in user; what she sees is limited by her scope.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Roles that may change some records (then checked per record).</summary>
    public const string Edit = nameof(Edit);

    /// <summary>Review monthly reports: approve, return, reopen.</summary>
    public const string Review = nameof(Review);

    public const string Import = nameof(Import);

    public const string Export = nameof(Export);

    public const string SubmitReports = nameof(SubmitReports);

    public const string ManageUsers = nameof(ManageUsers);

    /// <summary>Create, edit, move and close organisations themselves: county-level staff.</summary>
    public const string ManageOrganisations = nameof(ManageOrganisations);

    /// <summary>See resident ID numbers and phones in full (on a person's page): county staff and administrators.</summary>
    public const string ReadIdentityNumbers = nameof(ReadIdentityNumbers);
    /// <summary>Search the audit log: county-level staff (each record's own history is for anyone who may read it).</summary>
    public const string AuditLog = nameof(AuditLog);
    /// <summary>
    /// Loans, grants, bases, projects, trainings, experts, job fairs: county staff everywhere, a township chair in her
    /// township (then checked per record); village chairs and leadership read only.
    /// </summary>
    public const string ManageProgrammes = nameof(ManageProgrammes);
    /// <summary>Define the monthly report's indicators: county-level staff.</summary>
    public const string ManageIndicators = nameof(ManageIndicators);
    /// <summary>The county's own lists the registers use: checklist items of the homes' standard, award titles.</summary>
    public const string ManageStandards = nameof(ManageStandards);

    public static AuthorizationBuilder AddFederationPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
        .AddPolicy(Edit, p => p.RequireRole(RolePermissions.RolesAllowed(Operations.Update.Name)))
        .AddPolicy(Review, p => p.RequireRole(RolePermissions.RolesAllowed(Operations.Approve.Name)))
        .AddPolicy(Import, p => p.RequireRole(RolePermissions.RolesAllowed(Operations.Import.Name)))
        .AddPolicy(Export, p => p.RequireRole(RolePermissions.RolesAllowed(Operations.Export.Name)))
        .AddPolicy(SubmitReports, p => p.RequireRole(RolePermissions.RolesAllowed(Operations.Submit.Name)))
        .AddPolicy(ManageUsers, p => p.RequireRole(Roles.SystemAdmin))
        .AddPolicy(ManageOrganisations, p => p.RequireRole(Roles.SystemAdmin, Roles.CountyStaff))
        .AddPolicy(ReadIdentityNumbers, p => p.RequireRole(Roles.SeeFullIdentity))
        .AddPolicy(AuditLog, p => p.RequireRole(Roles.SystemAdmin, Roles.CountyStaff))
        .AddPolicy(ManageProgrammes, p => p.RequireRole(Roles.SystemAdmin, Roles.CountyStaff, Roles.TownshipChair))
        .AddPolicy(ManageIndicators, p => p.RequireRole(Roles.SystemAdmin, Roles.CountyStaff))
        .AddPolicy(ManageStandards, p => p.RequireRole(Roles.SystemAdmin, Roles.CountyStaff));
}
