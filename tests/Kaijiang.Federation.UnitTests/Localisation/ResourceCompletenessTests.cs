using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kaijiang.Federation.UnitTests.Localisation;

/// <summary>Both languages are complete: every UI string goes through the resources, in Chinese and in English.</summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string Resources = Path.Combine(SourceTree.Web, "Resources");

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void Every_Chinese_string_has_an_English_translation_and_the_reverse()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en.resx");

        Assert.Empty(zh.Keys.Except(en.Keys).Select(k => "no English for " + k));
        Assert.Empty(en.Keys.Except(zh.Keys).Select(k => "no Chinese for " + k));
        Assert.Empty(zh.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => "empty Chinese " + kv.Key));
        Assert.Empty(en.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => "empty English " + kv.Key));
    }

    [Fact]
    public void The_English_strings_are_not_Chinese_left_untranslated()
    {
        var en = Load("SharedResource.en.resx");
        // The one deliberate exception: the switch that offers Chinese is written in Chinese.
        var untranslated = en.Where(kv => kv.Key != "Layout.OtherLanguage" && ChineseCharacter().IsMatch(kv.Value)).Select(kv => kv.Key);
        Assert.Empty(untranslated);
    }

    [Fact]
    public void Every_key_the_code_asks_for_exists()
    {
        var keys = Load("SharedResource.resx").Keys.ToHashSet(StringComparer.Ordinal);
        var used = Directory.EnumerateFiles(SourceTree.Web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}"));
    }

    [Fact]
    public void Views_hold_no_hard_coded_Chinese()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(SourceTree.Web, "Features"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => ChineseCharacter().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}");

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseCharacter();

    // L["Key"], l["Key", …], ErrorMessage = "Key", Name = "Key" — keys are dotted identifiers.
    [GeneratedRegex(@"(?:\b[Ll]\[""|ErrorMessage\s*=\s*""|\bName\s*=\s*"")(?<key>[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+)""")]
    private static partial Regex UsedKey();
}
