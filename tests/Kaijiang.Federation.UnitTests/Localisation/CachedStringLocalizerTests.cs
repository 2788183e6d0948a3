using System.Globalization;
using System.Xml.Linq;
using Kaijiang.Federation.Web;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Kaijiang.Federation.UnitTests.Localisation;

/// <summary>The caching localizer answers exactly what the resource-manager localizer answers, in both languages.</summary>
public sealed class CachedStringLocalizerTests
{
    private static ResourceManagerStringLocalizerFactory Framework() =>
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    [InlineData("en-GB")]
    public void Every_key_reads_as_the_framework_reads_it(string culture)
    {
        var keys = XDocument.Load(Path.Combine(SourceTree.Web, "Resources", "SharedResource.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToList();
        var framework = Framework().Create(typeof(SharedResource));
        var cached = new CachedStringLocalizerFactory(Framework()).Create(typeof(SharedResource));

        WithCulture(culture, () =>
        {
            foreach (var key in keys)
            {
                // Twice: the first read fills the cache, the second comes from it.
                Assert.Equal(framework[key].Value, cached[key].Value);
                Assert.Equal(framework[key].Value, cached[key].Value);
                Assert.False(cached[key].ResourceNotFound, key);
            }
        });
    }

    [Fact]
    public void Each_language_keeps_its_own_strings()
    {
        var cached = new CachedStringLocalizerFactory(Framework()).Create(typeof(SharedResource));
        var zh = WithCulture("zh-CN", () => cached["Common.Edit"].Value);
        var en = WithCulture("en", () => cached["Common.Edit"].Value);

        Assert.Equal("编辑", zh);
        Assert.Equal("Edit", en);
        Assert.Equal("编辑", WithCulture("zh-CN", () => cached["Common.Edit"].Value));
    }

    [Fact]
    public void Asks_the_inner_localizer_once_per_culture_and_key_and_formats_arguments_in_the_current_culture()
    {
        var inner = new Mock<IStringLocalizer>();
        inner.Setup(l => l["Greeting"]).Returns(() => new LocalizedString("Greeting", CultureInfo.CurrentUICulture.Name + " {0:N1}"));
        var cached = new CachedStringLocalizer(inner.Object);

        var first = WithCulture("en", () => cached["Greeting", 1234.5m].Value);
        var second = WithCulture("en", () => cached["Greeting", 2m].Value);
        var chinese = WithCulture("zh-CN", () => cached["Greeting"].Value);

        Assert.Equal("en 1,234.5", first);
        Assert.Equal("en 2.0", second);
        Assert.Equal("zh-CN {0:N1}", chinese);
        inner.Verify(l => l["Greeting"], Times.Exactly(2));
    }

    [Fact]
    public void A_missing_key_stays_missing_and_reads_as_its_name()
    {
        var cached = new CachedStringLocalizerFactory(Framework()).Create(typeof(SharedResource));

        var missing = WithCulture("zh-CN", () => cached["No.Such.Key"]);

        Assert.True(missing.ResourceNotFound);
        Assert.Equal("No.Such.Key", missing.Value);
    }

    private static T WithCulture<T>(string name, Func<T> read)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    private static void WithCulture(string name, Action read) => WithCulture(name, () => { read(); return 0; });
}
