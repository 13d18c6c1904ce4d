namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>A fresh folder per test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tokenlab-tests-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] Names() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OfType<string>().OrderBy(name => name).ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
