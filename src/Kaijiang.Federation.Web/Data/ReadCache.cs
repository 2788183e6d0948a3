using Kaijiang.Federation.Web.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// The short per-scope cache of read models that add up a whole subtree (the dashboard's figures, an organisation
/// page's register figures and children, the people list's count, the completeness matrix). The key holds the change
/// generation (<see cref="RecordChangeSignal"/>, moved on by every saved record in this process, so nobody reads
/// figures older than their own last change), the user's scope (two scopes never share an entry), and the day;
/// entries live <see cref="Lifetime"/> at most, which also bounds how long another instance's change can stay unseen.
/// </summary>
public sealed class ReadCache(IMemoryCache cache, RecordChangeSignal signal, FederationDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<T> GetOrCreateAsync<T>(string what, string key, Func<Task<T>> compute)
    {
        // The generation is read before computing: a change saved meanwhile leaves this entry under the old generation.
        var fullKey = string.Join('|', "read", what, signal.Generation, db.ScopePath ?? "*", clock.Today().DayNumber, key);
        if (cache.TryGetValue(fullKey, out Entry<T>? hit) && hit is not null)
        {
            return hit.Value;
        }

        var value = await compute();
        cache.Set(fullKey, new Entry<T>(value), Lifetime);
        return value;
    }

    /// <summary>A value as a cache entry: a number or a missing table (null) are values too.</summary>
    private sealed record Entry<T>(T Value);
}
