using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.RosterImport;

/// <summary>A validated upload waiting for its commit: the sheet's rows and what validation found, owned by one user.</summary>
public sealed record ImportBatch(
    string Token,
    string UserId,
    int OrganisationId,
    string FileName,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SheetRow> Rows,
    RosterPreview Preview);

/// <summary>A stored batch as the commit reads it: the sheet's rows, not the preview (the commit validates them again).</summary>
public sealed record PendingRows(string Token, string UserId, int OrganisationId, string FileName, DateTimeOffset CreatedAt, IReadOnlyList<SheetRow> Rows);

/// <summary>A stored batch as the preview page reads it: what validation found, not the sheet's rows.</summary>
public sealed record PendingPreview(string Token, string UserId, int OrganisationId, string FileName, DateTimeOffset CreatedAt, RosterPreview Preview);

/// <summary>
/// Keeps uploads between preview and commit on the server, so the commit never trusts what the browser sends back.
/// One row of <see cref="PendingImport"/> per batch, named by a random token: every instance of the portal finds it.
/// A batch lives one hour, is read only by the user who uploaded it, and is encrypted (it holds ID numbers and phones).
/// The commit claims it in its own transaction, so two commits of one batch cannot both write.
/// </summary>
public sealed partial class ImportBatchStore(FederationDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string Field = "PendingImport";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General);

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task SaveAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        if (!IsToken(batch.Token))
        {
            throw new ArgumentException("Not a batch token.", nameof(batch));
        }

        var now = clock.GetUtcNow();
        await db.PendingImports.Where(p => p.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.PendingImports.Add(new PendingImport
        {
            Token = batch.Token,
            UserId = batch.UserId,
            OrganisationId = batch.OrganisationId,
            CreatedAt = batch.CreatedAt,
            ExpiresAt = batch.CreatedAt + Lifetime,
            Payload = protector.EncryptBytes(Compressed(batch), Field),
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>The rows of the batch of <paramref name="token"/> if it exists, belongs to <paramref name="userId"/> and has not expired.</summary>
    public Task<PendingRows?> FindRowsAsync(string? token, string? userId, CancellationToken cancellationToken) =>
        FindAsync<PendingRows>(token, userId, cancellationToken);

    /// <summary>The preview of the batch of <paramref name="token"/>, on the same terms as <see cref="FindRowsAsync"/>.</summary>
    public Task<PendingPreview?> FindPreviewAsync(string? token, string? userId, CancellationToken cancellationToken) =>
        FindAsync<PendingPreview>(token, userId, cancellationToken);

    // Each reader materialises only its half of the payload: the other half (thousands of rows) is skipped unread.
    private async Task<T?> FindAsync<T>(string? token, string? userId, CancellationToken cancellationToken)
        where T : class
    {
        if (userId is null || !IsToken(token))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var pending = await db.PendingImports.AsNoTracking()
            .Where(p => p.Token == token && p.UserId == userId && p.ExpiresAt >= now)
            .Select(p => p.Payload)
            .SingleOrDefaultAsync(cancellationToken);
        return pending is null ? null : Read<T>(protector.DecryptBytes(pending, Field));
    }

    // The batch is stored as gzip-compressed JSON (its rows repeat every property name: 10,000 rows shrink about
    // tenfold), so the copies a save and a read make (JSON, ciphertext, base64, the column's string) stay small.
    private static byte[] Compressed(ImportBatch batch)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, batch, JsonOptions);
        }

        return buffer.ToArray();
    }

    // Batches stored before compression (plain JSON, up to an hour old at an upgrade) are read as they are.
    private static T? Read<T>(byte[] plain)
    {
        if (plain is not [0x1f, 0x8b, ..])
        {
            return JsonSerializer.Deserialize<T>(plain, JsonOptions);
        }

        using var gzip = new GZipStream(new MemoryStream(plain), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, JsonOptions);
    }

    /// <summary>Deletes the batch; true if this call deleted it. Inside the commit's transaction: a second commit finds it gone.</summary>
    public async Task<bool> ClaimAsync(string token, CancellationToken cancellationToken) =>
        await db.PendingImports.Where(p => p.Token == token).ExecuteDeleteAsync(cancellationToken) == 1;

    // Only a token of the exact form is looked up.
    private static bool IsToken(string? token) => token is not null && TokenPattern().IsMatch(token);

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
