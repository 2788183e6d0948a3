using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.People;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Data;

/// <summary>A seeded county of its own: these tests edit people and rewrite raw rows.</summary>
public sealed class PersonalDataFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public PersonalDataFixture() => _ = Factory.Server;

    public string DatabaseFile => Path.Combine(Factory.DataFolder, "federation.db");

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PersonalDataCollection : ICollectionFixture<PersonalDataFixture>
{
    public const string Name = "Personal data at rest";
}

/// <summary>
/// ID numbers and phones are encrypted in the database with a key kept outside it, found by exact match through keyed
/// hashes, absent in clear from the audit log; an upgraded database converts itself; wrong keys stop the start.
/// </summary>
[Collection(PersonalDataCollection.Name)]
public sealed partial class PersonalDataAtRestTests(PersonalDataFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    private sealed record RawPerson(int Id, string? IdNumber, string? IdNumberHash, string? Phone, string? PhoneHash);

    private List<RawPerson> RawPeople(string where = "1 = 1")
    {
        using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id, IdNumber, IdNumberHash, Phone, PhoneHash FROM People WHERE {where} ORDER BY Id";
        using var reader = command.ExecuteReader();
        var rows = new List<RawPerson>();
        while (reader.Read())
        {
            rows.Add(new RawPerson(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    private int ExecuteRaw(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private Task<(int Id, string Name, string IdNumber, string Phone, string Path)> PersonAsync(int skip) => Factory.WithScopeAsync(async db =>
    {
        var p = await db.People.Where(p => p.IdNumber != null && p.Phone != null).OrderBy(p => p.Id).Skip(skip)
            .Select(p => new { p.Id, p.Name, p.IdNumber, p.Phone, p.Organisation!.Path }).FirstAsync();
        return (p.Id, p.Name, p.IdNumber!, p.Phone!, p.Path);
    });

    [Fact]
    public async Task The_raw_columns_hold_no_ID_number_or_phone_in_clear_while_the_portal_reads_them_in_clear()
    {
        var raw = RawPeople();
        var clear = await Factory.WithScopeAsync(db => db.People.IgnoreQueryFilters().OrderBy(p => p.Id).Select(p => new { p.Id, p.IdNumber, p.Phone }).ToListAsync());

        Assert.True(raw.Count > 1000, $"{raw.Count} people");
        Assert.All(raw.Where(r => r.IdNumber is not null), r =>
        {
            Assert.StartsWith("e1.1.", r.IdNumber, StringComparison.Ordinal);
            Assert.DoesNotMatch(ClearIdNumber(), r.IdNumber!);
            Assert.Matches("^[0-9a-f]{64}$", r.IdNumberHash!);
        });
        Assert.All(raw.Where(r => r.Phone is not null), r =>
        {
            Assert.StartsWith("e1.1.", r.Phone, StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{64}$", r.PhoneHash!);
        });

        // Each clear value (as EF gives it) appears nowhere in the raw row; the ciphertext differs even for equal values.
        var rawById = raw.ToDictionary(r => r.Id);
        Assert.All(clear.Where(c => c.IdNumber is not null).Take(500), c =>
        {
            Assert.True(ResidentIdNumber.IsValid(c.IdNumber, DateOnly.FromDateTime(DateTime.UtcNow)), c.IdNumber);
            Assert.DoesNotContain(c.IdNumber!, rawById[c.Id].IdNumber!, StringComparison.Ordinal);
            Assert.DoesNotContain(c.Phone!, rawById[c.Id].Phone!, StringComparison.Ordinal);
        });

        // The whole file, bytes and all (indexes, free pages): no ID number of the first hundred people in clear.
        var bytes = System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(fixture.DatabaseFile));
        Assert.All(clear.Where(c => c.IdNumber is not null).Take(100), c => Assert.DoesNotContain(c.IdNumber!, bytes, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_by_an_exact_ID_number_or_phone_still_finds_the_person_through_the_hash()
    {
        var person = await PersonAsync(3);
        var client = new PortalClient(Factory);
        await client.LoginAsync("county.staff");

        var byId = await client.Http.GetStringAsync("/People/Search?q=" + person.IdNumber.ToLowerInvariant());
        var byPhone = await client.Http.GetStringAsync("/People/Search?q=" + person.Phone);
        var byPart = await client.Http.GetStringAsync("/People/Search?q=" + person.IdNumber[..17]);

        Assert.Contains($"/People/Details/{person.Id}\"", byId, StringComparison.Ordinal);
        Assert.Contains($"/People/Details/{person.Id}\"", byPhone, StringComparison.Ordinal);
        Assert.DoesNotContain($"/People/Details/{person.Id}\"", byPart, StringComparison.Ordinal); // only a whole number matches
    }

    [Fact]
    public async Task A_duplicate_ID_number_is_still_refused_by_the_unique_hash()
    {
        var (first, second) = (await PersonAsync(5), await PersonAsync(6));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => Factory.WithScopeAsync(async db =>
        {
            var p = await db.People.IgnoreQueryFilters().SingleAsync(p => p.Id == second.Id);
            p.IdNumber = first.IdNumber;
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("IdNumberHash", error.InnerException?.Message ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_writes_the_ID_number_and_phone_encrypted_into_the_audit_log_and_History_masks_them_by_role()
    {
        var person = await PersonAsync(10);
        const string newPhone = "13987654321";
        await Factory.WithScopeAsync(async db =>
        {
            var p = await db.People.IgnoreQueryFilters().SingleAsync(p => p.Id == person.Id);
            p.Phone = newPhone;
            return await db.SaveChangesAsync();
        });

        var audit = await Factory.WithScopeAsync(db => db.AuditEntries
            .Where(a => a.EntityType == nameof(Person) && a.EntityId == person.Id.ToString() && a.Action == "Modified")
            .OrderByDescending(a => a.Id).Select(a => new { a.Before, a.After }).FirstAsync());
        Assert.DoesNotContain(newPhone, audit.After!, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Phone, audit.Before!, StringComparison.Ordinal);
        Assert.Contains("\"Phone\":\"e1.1.", audit.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("PhoneHash", audit.After!, StringComparison.Ordinal);

        var staff = new PortalClient(Factory);
        await staff.LoginAsync("county.staff");
        var full = await staff.Http.GetStringAsync($"/History/Person/{person.Id}");
        Assert.Contains(newPhone, full, StringComparison.Ordinal);
        Assert.Contains(person.Phone, full, StringComparison.Ordinal);

        var leader = new PortalClient(Factory);
        await leader.LoginAsync("leader");
        var masked = await leader.Http.GetStringAsync($"/History/Person/{person.Id}");
        Assert.Contains(MobilePhone.Mask(newPhone), masked, StringComparison.Ordinal);
        Assert.DoesNotContain(newPhone, masked, StringComparison.Ordinal);
        Assert.DoesNotContain("e1.1.", masked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewing_a_persons_full_ID_number_is_itself_audited_and_a_masked_view_is_not()
    {
        var person = await PersonAsync(12);
        Task<int> ViewsAsync(string user) => Factory.WithScopeAsync(db => db.AuditEntries.CountAsync(a =>
            a.Action == IdentityViewAudit.Action && a.EntityType == nameof(Person) && a.EntityId == person.Id.ToString() && a.UserName == user));

        var staff = new PortalClient(Factory);
        await staff.LoginAsync("county.staff");
        var page = await staff.Http.GetStringAsync($"/People/Details/{person.Id}");
        Assert.Contains(person.IdNumber, page, StringComparison.Ordinal);
        Assert.Equal(1, await ViewsAsync("county.staff"));
        var entry = await Factory.WithScopeAsync(db => db.AuditEntries.Where(a => a.Action == IdentityViewAudit.Action && a.EntityId == person.Id.ToString())
            .Select(a => new { a.OrganisationPath, a.After }).FirstAsync());
        Assert.Equal(person.Path, entry.OrganisationPath);
        Assert.DoesNotContain(person.IdNumber, entry.After ?? "", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync($"/People/Edit/{person.Id}")).StatusCode);
        Assert.Equal(2, await ViewsAsync("county.staff"));

        var leader = new PortalClient(Factory);
        await leader.LoginAsync("leader");
        var maskedPage = await leader.Http.GetStringAsync($"/People/Details/{person.Id}");
        Assert.DoesNotContain(person.IdNumber, maskedPage, StringComparison.Ordinal);
        Assert.Equal(0, await ViewsAsync("leader"));

        // The person's history lists the view, by name of the action.
        Assert.Contains("data-action=\"IdentityViewed\"", await staff.Http.GetStringAsync($"/History/Person/{person.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loans_page_that_shows_the_borrowers_full_ID_number_audits_the_view()
    {
        var loan = await Factory.WithScopeAsync(db => db.Loans.Where(l => l.Borrower!.IdNumber != null).OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.BorrowerId }).FirstAsync());
        var staff = new PortalClient(Factory);
        await staff.LoginAsync("county.staff");

        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync($"/Loans/Details/{loan.Id}")).StatusCode);

        var pages = await Factory.WithScopeAsync(db => db.AuditEntries
            .Where(a => a.Action == IdentityViewAudit.Action && a.EntityId == loan.BorrowerId.ToString() && a.UserName == "county.staff")
            .Select(a => a.After).ToListAsync());
        Assert.Contains(pages, p => p!.Contains("Loans.Details", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upgraded_database_with_values_in_clear_encrypts_them_at_start_once_and_they_are_found_again()
    {
        var people = new[] { await PersonAsync(20), await PersonAsync(21), await PersonAsync(22) };
        // As a database migrated from before encryption holds them: in clear, no hashes.
        foreach (var p in people)
        {
            ExecuteRaw($"UPDATE People SET IdNumber = '{p.IdNumber}', IdNumberHash = NULL, Phone = '{p.Phone}', PhoneHash = NULL WHERE Id = {p.Id}");
        }

        Assert.All(RawPeople($"Id IN ({string.Join(",", people.Select(p => p.Id))})"), r => Assert.Null(r.IdNumberHash));

        using var upgraded = new PortalFactory { SeedDemo = false, ConnectionString = $"Data Source={fixture.DatabaseFile}" };
        _ = upgraded.Server; // the start converts

        var raw = RawPeople($"Id IN ({string.Join(",", people.Select(p => p.Id))})");
        Assert.All(raw, r =>
        {
            Assert.StartsWith("e1.1.", r.IdNumber, StringComparison.Ordinal);
            Assert.StartsWith("e1.1.", r.Phone, StringComparison.Ordinal);
            Assert.NotNull(r.IdNumberHash);
            Assert.NotNull(r.PhoneHash);
        });
        Assert.All(people, p => Assert.DoesNotContain(raw, r => r.IdNumber!.Contains(p.IdNumber, StringComparison.Ordinal)));

        // Idempotent: a second run finds nothing to do.
        await using (var scope = upgraded.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PersonalDataStartup>().ConvertAsync());
        }

        var client = new PortalClient(upgraded);
        await client.LoginAsync("county.staff");
        Assert.Contains($"/People/Details/{people[0].Id}\"", await client.Http.GetStringAsync("/People/Search?q=" + people[0].IdNumber), StringComparison.Ordinal);
        Assert.Contains(people[1].IdNumber, await client.Http.GetStringAsync($"/People/Details/{people[1].Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_encryption_key_or_hash_key_stops_the_start_with_a_message_naming_the_setting()
    {
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        using var wrongEncryption = new PortalFactory
        {
            SeedDemo = false,
            ConnectionString = $"Data Source={fixture.DatabaseFile}",
            Settings = { ["Privacy:EncryptionKey"] = otherKey },
        };
        var encryption = Record.Exception(() => wrongEncryption.Server);
        Assert.NotNull(encryption);
        Assert.Contains("Privacy encryption key is not the one the data was written with", encryption.ToString(), StringComparison.Ordinal);

        using var wrongHash = new PortalFactory
        {
            SeedDemo = false,
            ConnectionString = $"Data Source={fixture.DatabaseFile}",
            Settings = { ["Privacy:HashKey"] = otherKey },
        };
        var hash = Record.Exception(() => wrongHash.Server);
        Assert.NotNull(hash);
        Assert.Contains("Privacy:HashKey is not the key", hash.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("^[0-9]{17}[0-9X]$")]
    private static partial Regex ClearIdNumber();
}

/// <summary>Where the keys come from: generated in Development, required elsewhere; the cipher's own guarantees.</summary>
public sealed class PersonalDataKeyTests
{
    [Fact]
    public void Outside_Development_the_portal_refuses_to_start_without_a_key()
    {
        using var factory = new PortalFactory { EnvironmentName = "Production", UseTestKeys = false, SeedDemo = false };
        var error = Record.Exception(() => factory.Server);
        Assert.NotNull(error);
        Assert.Contains("No key for personal data at rest: set Privacy:KeyFile", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void In_Development_a_key_file_is_generated_in_the_data_folder_and_reused()
    {
        using var factory = new PortalFactory { UseTestKeys = false, SeedDemo = false };
        _ = factory.Server;
        var file = Path.Combine(factory.DataFolder, PersonalDataKeys.DevelopmentKeyFileName);
        Assert.True(File.Exists(file));
        var text = File.ReadAllText(file);
        Assert.Contains("\"EncryptionKey\"", text, StringComparison.Ordinal);
        Assert.Contains("\"HashKey\"", text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    private static PersonalDataProtector Protector(int id, byte[] key, byte[] hash, Dictionary<int, byte[]>? previous = null) =>
        new(PersonalDataKeys.Create(id, key, hash, previous));

    [Fact]
    public void A_value_is_encrypted_differently_each_time_bound_to_its_field_and_a_rotated_key_still_reads_old_values()
    {
        var (key1, key2, hash) = (new byte[32], new byte[32], new byte[32]);
        key1[0] = 1;
        key2[0] = 2;
        var before = Protector(1, key1, hash);
        var a = before.Encrypt("511723199001011234", PersonalDataProtector.IdNumberField);
        var b = before.Encrypt("511723199001011234", PersonalDataProtector.IdNumberField);
        Assert.NotEqual(a, b);
        Assert.Equal("511723199001011234", before.Decrypt(a, PersonalDataProtector.IdNumberField));

        // Moved into another column, it does not decrypt.
        Assert.Throws<PersonalDataKeyException>(() => before.Decrypt(a, PersonalDataProtector.PhoneField));

        // Altered, it does not decrypt.
        // One character in the middle of the payload: every bit of it is data (near the end of base64 some bits are
        // padding that decoders ignore, so changing one of those altered nothing, one run in sixteen).
        var middle = a.Length / 2;
        var altered = a[..middle] + (a[middle] == 'A' ? 'Q' : 'A') + a[(middle + 1)..];
        Assert.Throws<PersonalDataKeyException>(() => before.Decrypt(altered, PersonalDataProtector.IdNumberField));

        // Key 2 is current, key 1 kept as previous: old values read, new ones are written under key 2.
        var after = Protector(2, key2, hash, new() { [1] = key1 });
        Assert.Equal("511723199001011234", after.Decrypt(a, PersonalDataProtector.IdNumberField));
        Assert.StartsWith("e1.2.", after.Encrypt("x", PersonalDataProtector.IdNumberField), StringComparison.Ordinal);

        // Key 1 forgotten: a clear message naming the setting to restore.
        var lost = Protector(2, key2, hash);
        var error = Assert.Throws<PersonalDataKeyException>(() => lost.Decrypt(a, PersonalDataProtector.IdNumberField));
        Assert.Contains("Privacy:PreviousEncryptionKeys:1", error.Message, StringComparison.Ordinal);

        // The search hash does not depend on the encryption key, only on the hash key and the normalised value.
        Assert.Equal(before.HashIdNumber("511723199001011234"), after.HashIdNumber(" 511723199001011234 "));
        Assert.Equal(before.HashIdNumber("51172319900101123X"), before.HashIdNumber("51172319900101123x"));
    }
}
