using System.IO.Compression;
using System.Net;
using System.Text;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.RosterImport;

/// <summary>
/// A pending batch is stored encrypted and gzip-compressed (its copies stay small in memory); a batch stored by the
/// previous version, plain JSON, is still read (a database of its own: these tests write).
/// </summary>
public sealed class ImportBatchStoreTests : IDisposable
{
    private const string Field = "PendingImport";
    private readonly PortalFactory _factory = new();

    [Fact]
    public async Task A_pending_batch_is_stored_encrypted_and_compressed_and_previews_every_row()
    {
        var (client, token, rows, html) = await UploadAsync(400);

        Assert.Equal(rows.Count, RosterSheets.CountOf(html, RowAction.Create));
        var payload = await PayloadAsync(token);
        Assert.StartsWith("e1.", payload, StringComparison.Ordinal);
        var plain = Protector.DecryptBytes(payload, Field);
        Assert.Equal([0x1f, 0x8b], plain[..2]); // gzip
        var json = Decompress(plain);
        Assert.Contains(rows[0][RosterColumns.IdNumber]!.ToString()!, json, StringComparison.Ordinal);
        Assert.True(payload.Length * 4 < json.Length, $"The stored payload ({payload.Length} chars) is not a quarter of its JSON ({json.Length}).");
        Assert.Equal(HttpStatusCode.Redirect, (await RosterSheets.CommitAsync(client, token, html)).StatusCode);
    }

    [Fact]
    public async Task A_batch_stored_as_plain_json_by_the_previous_version_is_still_previewed_and_committed()
    {
        var (client, token, rows, _) = await UploadAsync(5);
        var json = Decompress(Protector.DecryptBytes(await PayloadAsync(token), Field));
        await _factory.WithScopeAsync(async db =>
        {
            var pending = await db.PendingImports.SingleAsync(p => p.Token == token);
            pending.Payload = Protector.Encrypt(json, Field);
            return await db.SaveChangesAsync();
        });

        var preview = await client.Http.GetAsync($"/RosterImport/Preview/{token}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(rows.Count, RosterSheets.CountOf(html, RowAction.Create));
        Assert.Equal(HttpStatusCode.Redirect, (await RosterSheets.CommitAsync(client, token, html)).StatusCode);
        var hashes = rows.Select(r => Protector.HashIdNumber(r[RosterColumns.IdNumber]!.ToString())).ToList();
        Assert.Equal(rows.Count, await _factory.WithScopeAsync(db => db.People.CountAsync(p => hashes.Contains(p.IdNumberHash))));
    }

    private PersonalDataProtector Protector => _factory.Services.GetRequiredService<PersonalDataProtector>();

    private async Task<(PortalClient Client, string Token, List<Dictionary<string, object?>> Rows, string Html)> UploadAsync(int count)
    {
        var (xinning, villages) = await _factory.WithScopeAsync(async db =>
        {
            var id = await db.Organisations.Where(o => o.Name == "新宁镇").Select(o => o.Id).SingleAsync();
            var names = await db.Organisations.Where(o => o.ParentId == id && o.Kind == OrganisationKind.Village).Select(o => o.Name).ToListAsync();
            return (id, names.GroupBy(n => n).Where(g => g.Count() == 1).Select(g => g.Key).Order(StringComparer.Ordinal).ToList());
        });
        var rows = Enumerable.Range(20_000, count).Select(n => RosterSheets.Row(villages[n % villages.Count], n)).ToList();
        var client = new PortalClient(_factory);
        await client.LoginAsync("county.staff");
        var (token, html) = await RosterSheets.PreviewAsync(client, xinning, RosterSheets.Xlsx(rows));
        return (client, token, rows, html);
    }

    private Task<string> PayloadAsync(string token) =>
        _factory.WithScopeAsync(db => db.PendingImports.Where(p => p.Token == token).Select(p => p.Payload).SingleAsync());

    private static string Decompress(byte[] gzip)
    {
        using var stream = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public void Dispose() => _factory.Dispose();
}
