using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

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

/// <summary>
/// Keeps uploads between preview and commit on the server, so the commit never trusts what the browser sends back.
/// One JSON file per batch under the data folder, named by a random token; a batch lives one hour and is read only
/// by the user who uploaded it. Files rather than a table: see docs/decisions/0006-miniexcel.md.
/// </summary>
public sealed partial class ImportBatchStore(IConfiguration configuration, IWebHostEnvironment environment, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General);

    private string Folder
    {
        get
        {
            var dataFolder = configuration["Database:DataFolder"];
            var root = string.IsNullOrWhiteSpace(dataFolder)
                ? Path.Combine(environment.ContentRootPath, "App_Data")
                : Path.GetFullPath(dataFolder, environment.ContentRootPath);
            var folder = Path.Combine(root, "imports");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task SaveAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        RemoveExpired();
        var path = PathOf(batch.Token) ?? throw new ArgumentException("Not a batch token.", nameof(batch));
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await JsonSerializer.SerializeAsync(file, batch, JsonOptions, cancellationToken);
    }

    /// <summary>The batch of <paramref name="token"/> if it exists, belongs to <paramref name="userId"/> and has not expired.</summary>
    public async Task<ImportBatch?> FindAsync(string? token, string? userId, CancellationToken cancellationToken)
    {
        if (userId is null || PathOf(token) is not { } path || !File.Exists(path))
        {
            return null;
        }

        ImportBatch? batch;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            batch = await JsonSerializer.DeserializeAsync<ImportBatch>(file, JsonOptions, cancellationToken);
        }

        if (batch is null || batch.CreatedAt + Lifetime < clock.GetUtcNow())
        {
            File.Delete(path);
            return null;
        }

        return string.Equals(batch.UserId, userId, StringComparison.Ordinal) ? batch : null;
    }

    public void Remove(string token)
    {
        if (PathOf(token) is { } path)
        {
            File.Delete(path);
        }
    }

    private void RemoveExpired()
    {
        var cutoff = clock.GetUtcNow() - Lifetime;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles("*.json"))
        {
            if (file.LastWriteTimeUtc < cutoff.UtcDateTime)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                    // Being read by a commit at this moment; the next upload removes it.
                }
            }
        }
    }

    // Only a token of the exact form becomes a file name: nothing from the URL can reach another path.
    private string? PathOf(string? token) =>
        token is not null && TokenPattern().IsMatch(token) ? Path.Combine(Folder, token + ".json") : null;

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
