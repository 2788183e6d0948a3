using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// The framework's resource-manager localizers, with each (culture, key) looked up once. A page such as the dashboard
/// asks for a few hundred strings; <see cref="System.Resources.ResourceManager"/> walks the culture fallback chain under
/// a lock for each of them, which the benchmark showed as lock contention under concurrent requests
/// (docs/performance.md). The resources are compiled into the assembly and never change while the process runs, so a
/// string found once is the same string for the life of the process.
/// </summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _byType = new();
    private readonly ConcurrentDictionary<(string BaseName, string Location), IStringLocalizer> _byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _byType.GetOrAdd(resourceSource, type => new CachedStringLocalizer(inner.Create(type)));

    public IStringLocalizer Create(string baseName, string location) =>
        _byName.GetOrAdd((baseName, location), key => new CachedStringLocalizer(inner.Create(key.BaseName, key.Location)));
}

/// <summary>One resource set's strings, remembered per UI culture and key (see <see cref="CachedStringLocalizerFactory"/>).</summary>
public sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            return _strings.TryGetValue(key, out var found) ? found : _strings.GetOrAdd(key, inner[name]);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            // The same formatting as the resource-manager localizer: the current culture, the key itself when missing.
            var format = this[name];
            var value = string.Format(CultureInfo.CurrentCulture, format.Value, arguments);
            return new LocalizedString(name, value, format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
