namespace Kaijiang.Federation.UnitTests;

/// <summary>Finds the repository's files from a test run, wherever the test binaries are.</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string Web => Path.Combine(Root, "src", "Kaijiang.Federation.Web");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kaijiang.Federation.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kaijiang.Federation.sln not found above the test binaries.");
    }
}
