using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Kaijiang.Federation.Web.Authorization;

/// <summary>What a user may do to a record; decided by <see cref="OrganisationAuthorizationHandler"/>.</summary>
public static class Operations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Create = new() { Name = nameof(Create) };
    public static readonly OperationAuthorizationRequirement Update = new() { Name = nameof(Update) };
    public static readonly OperationAuthorizationRequirement Delete = new() { Name = nameof(Delete) };
    public static readonly OperationAuthorizationRequirement Submit = new() { Name = nameof(Submit) };
    public static readonly OperationAuthorizationRequirement Approve = new() { Name = nameof(Approve) };
    public static readonly OperationAuthorizationRequirement Import = new() { Name = nameof(Import) };
    public static readonly OperationAuthorizationRequirement Export = new() { Name = nameof(Export) };
    public static readonly OperationAuthorizationRequirement ManageUsers = new() { Name = nameof(ManageUsers) };

    /// <summary>Pass a village's award nomination on to the county (乡镇推荐): township chairs and county staff.</summary>
    public static readonly OperationAuthorizationRequirement Recommend = new() { Name = nameof(Recommend) };

    public static readonly IReadOnlyList<OperationAuthorizationRequirement> All =
        [Read, Create, Update, Delete, Submit, Approve, Import, Export, ManageUsers, Recommend];
}

/// <summary>
/// The role table of design.md as data: which operations each role may perform inside its own subtree.
/// Outside the subtree nothing is allowed (and the record is not even found: 404).
/// </summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, HashSet<string>> Allowed = new(StringComparer.Ordinal)
    {
        // SystemAdmin: everything a CountyStaff may, and accounts.
        [Roles.SystemAdmin] = ["Read", "Create", "Update", "Delete", "Approve", "Import", "Export", "ManageUsers", "Recommend"],
        [Roles.CountyStaff] = ["Read", "Create", "Update", "Delete", "Approve", "Import", "Export", "Recommend"],
        [Roles.TownshipChair] = ["Read", "Create", "Update", "Delete", "Submit", "Export", "Recommend"],
        [Roles.VillageChair] = ["Read", "Create", "Update"],
        [Roles.Leadership] = ["Read", "Export"],
    };

    public static bool Allows(string? role, string operation) =>
        role is not null && Allowed.TryGetValue(role, out var operations) && operations.Contains(operation);

    public static IEnumerable<string> RolesAllowed(string operation) =>
        Allowed.Where(kv => kv.Value.Contains(operation)).Select(kv => kv.Key);
}

/// <summary>The organisation a record belongs to, as the authorization handler needs it.</summary>
public sealed record OrganisationResource(int OrganisationId, string Path, OrganisationKind Kind)
{
    public static OrganisationResource Of(Organisation organisation) => new(organisation.Id, organisation.Path, organisation.Kind);
}
