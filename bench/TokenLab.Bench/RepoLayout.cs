using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace TokenLab.Bench;

/// <summary>Where the repository and the laid-out module are (the repository root is recorded at build time).</summary>
internal sealed record RepoLayout(string Root, string ModuleManifest)
{
    public static RepoLayout Locate()
    {
        string root = typeof(RepoLayout).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "TokenLab.RepoRoot")
            .Value ?? throw new InvalidOperationException("The build did not record the repository root.");
        string manifest = Path.Combine(root, "out", "TokenLab", "TokenLab.psd1");
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException("The module is not laid out; run: dotnet build src/TokenLab -c Release", manifest);
        }

        return new RepoLayout(root, manifest);
    }
}
