using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kaijiang.Federation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Data;

public sealed class AuditOptions
{
    /// <summary>How long audit entries are kept; the Cybersecurity Law asks for at least 180 days.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>Entries younger than this are left for the next round, so a slow transaction's entries are not skipped.</summary>
    public int SealAfterSeconds { get; set; } = 30;

    public int EffectiveRetentionDays => Math.Max(180, RetentionDays);
}

/// <summary>
/// The audit log as a hash chain: each entry's hash covers its content and the previous entry's hash, in Id order.
/// Entries are sealed after they are committed (<see cref="AuditSealer"/>), so concurrent writers never fork the
/// chain; any later change to a sealed entry, or its removal from the middle, breaks <see cref="VerifyAsync"/>.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEntry entry, string previousHash)
    {
        var canonical = string.Join('\u001f',
            entry.Id.ToString(CultureInfo.InvariantCulture),
            entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.UserId ?? "",
            entry.UserName ?? "",
            entry.Action,
            entry.EntityType,
            entry.EntityId ?? "",
            entry.OrganisationPath ?? "",
            entry.Before ?? "",
            entry.After ?? "",
            previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Seals the committed, unsealed entries in Id order; returns how many were sealed.</summary>
    public static async Task<int> SealAsync(FederationDbContext db, DateTimeOffset sealBefore, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Hash != null)
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.Id, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var previous = last?.Hash ?? Genesis;
        var afterId = last?.Id ?? 0;
        var sealedCount = 0;
        while (true)
        {
            var batch = await db.AuditEntries
                .Where(e => e.Id > afterId && e.Hash == null)
                .OrderBy(e => e.Id)
                .Take(500)
                .ToListAsync(cancellationToken);
            var ready = batch.TakeWhile(e => e.At < sealBefore).ToList();
            if (ready.Count == 0)
            {
                return sealedCount;
            }

            foreach (var entry in ready)
            {
                entry.PreviousHash = previous;
                entry.Hash = ComputeHash(entry, previous);
                previous = entry.Hash;
                afterId = entry.Id;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            sealedCount += ready.Count;
            if (ready.Count < batch.Count)
            {
                return sealedCount;
            }
        }
    }

    public sealed record Verification(bool Intact, long Checked, long? FirstBrokenId, string Message);

    /// <summary>Walks the sealed chain in Id order and names the first entry whose hash or link does not hold.</summary>
    public static async Task<Verification> VerifyAsync(FederationDbContext db, CancellationToken cancellationToken = default)
    {
        string? previous = null;
        long checkedCount = 0;
        long afterId = 0;
        var seenUnsealed = false;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Id > afterId)
                .OrderBy(e => e.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new Verification(true, checkedCount, null, $"{checkedCount} sealed entries verified");
            }

            foreach (var entry in batch)
            {
                afterId = entry.Id;
                if (entry.Hash is null)
                {
                    seenUnsealed = true;
                    continue;
                }

                if (seenUnsealed)
                {
                    return new Verification(false, checkedCount, entry.Id, $"entry {entry.Id} is sealed after an unsealed one");
                }

                // The first remaining entry anchors the chain (older ones may have been removed by retention).
                if (previous is not null && entry.PreviousHash != previous)
                {
                    return new Verification(false, checkedCount, entry.Id, $"entry {entry.Id} does not link to the entry before it");
                }

                if (ComputeHash(entry, entry.PreviousHash ?? "") != entry.Hash)
                {
                    return new Verification(false, checkedCount, entry.Id, $"entry {entry.Id} was changed after it was sealed");
                }

                previous = entry.Hash;
                checkedCount++;
            }
        }
    }
}
