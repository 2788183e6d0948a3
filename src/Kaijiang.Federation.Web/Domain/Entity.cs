namespace Kaijiang.Federation.Web.Domain;

/// <summary>A record that staff edit in the browser: it carries an optimistic concurrency token.</summary>
/// <remarks>
/// The token is a plain integer that <see cref="Data.AuditAndVersionInterceptor"/> increments on every update,
/// so it behaves the same on SQLite, SQL Server and PostgreSQL (rowversion and xmin are not portable).
/// </remarks>
public abstract class EditableEntity
{
    public int Id { get; set; }

    public int Version { get; set; }
}

/// <summary>A record that belongs to one organisation of the tree; the scope filter applies to it.</summary>
public interface IOrganisationOwned
{
    int OrganisationId { get; }
}
