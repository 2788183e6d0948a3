namespace Kaijiang.Federation.Web.Domain;

/// <summary>
/// A validated roster upload waiting for its commit (at most an hour): in the database, so that every instance of the
/// portal finds it, whichever one took the upload. The rows hold ID numbers and phones: the payload is encrypted.
/// </summary>
public class PendingImport
{
    public const int TokenLength = 64;

    /// <summary>Random, 64 hex characters; the only way to the batch.</summary>
    public string Token { get; set; } = "";

    public string UserId { get; set; } = "";

    public int OrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The batch as JSON, encrypted with the personal-data key (<c>e1.…</c>).</summary>
    public string Payload { get; set; } = "";
}
