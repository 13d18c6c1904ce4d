using TokenLab.Client.IO;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.IO;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheTargetAppearsOnlyOnCommit()
    {
        string target = folder.File("speech.wav");
        using (var writer = AtomicFileWriter.Create(target, overwrite: false))
        {
            writer.Stream.Write([1, 2, 3]);
            Assert.False(File.Exists(target));
            Assert.Equal(folder.Path, Path.GetDirectoryName(writer.TemporaryPath));
            Assert.StartsWith(".speech.wav.", Path.GetFileName(writer.TemporaryPath), StringComparison.Ordinal);
            writer.Commit();
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
        Assert.Equal(["speech.wav"], folder.Names());
    }

    [Fact]
    public void DisposingWithoutCommitLeavesNothing()
    {
        string target = folder.File("speech.mp3");
        using (var writer = AtomicFileWriter.Create(target, overwrite: false))
        {
            writer.Stream.Write(new byte[100_000]);
        }

        Assert.Empty(folder.Names());
    }

    [Fact]
    public void AnExistingTargetIsRefusedBeforeAnythingIsWritten()
    {
        string target = folder.File("speech.wav");
        File.WriteAllText(target, "keep me");

        var error = Assert.Throws<OutputFileExistsException>(() => AtomicFileWriter.Create(target, overwrite: false));

        Assert.Equal(target, error.Path);
        Assert.Contains("-Force", error.Message, StringComparison.Ordinal);
        Assert.Contains(target, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error);
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.Equal(["speech.wav"], folder.Names());
    }

    [Fact]
    public void ATargetCreatedByAnotherWriterMeanwhileIsNotClobbered()
    {
        string target = folder.File("speech.wav");
        using var writer = AtomicFileWriter.Create(target, overwrite: false);
        writer.Stream.Write([1]);
        File.WriteAllText(target, "first");

        Assert.Throws<OutputFileExistsException>(writer.Commit);
        writer.Dispose();

        Assert.Equal("first", File.ReadAllText(target));
        Assert.Equal(["speech.wav"], folder.Names());
    }

    [Fact]
    public void OverwriteReplacesTheTarget()
    {
        string target = folder.File("speech.wav");
        File.WriteAllText(target, "old");
        using (var writer = AtomicFileWriter.Create(target, overwrite: true))
        {
            writer.Stream.Write("new"u8);
            Assert.Equal("old", File.ReadAllText(target));
            writer.Commit();
        }

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(["speech.wav"], folder.Names());
    }

    [Fact]
    public void OverwriteOfAMissingTargetCreatesIt()
    {
        string target = folder.File("new.wav");
        using (var writer = AtomicFileWriter.Create(target, overwrite: true))
        {
            writer.Stream.Write([7]);
            writer.Commit();
        }

        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(target));
    }

    [Fact]
    public void TheTemporaryFileIsSeekableForHeaderPatches()
    {
        string target = folder.File("a.wav");
        using var writer = AtomicFileWriter.Create(target, overwrite: false);
        writer.Stream.Write([1, 2, 3, 4]);
        writer.Stream.Position = 1;
        writer.Stream.Write([9]);
        writer.Commit();

        Assert.Equal(new byte[] { 1, 9, 3, 4 }, File.ReadAllBytes(target));
    }

    [Fact]
    public void AFolderAsTargetIsRefused()
    {
        Directory.CreateDirectory(folder.File("sub"));

        Assert.Throws<IOException>(() => AtomicFileWriter.Create(folder.File("sub"), overwrite: true));
    }

    [Fact]
    public void AMissingFolderFailsWithoutLeavingAnything()
    {
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFileWriter.Create(folder.File("missing/a.wav"), overwrite: false));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public void ConcurrentWritersToOneFolderGetDistinctTemporaryFiles()
    {
        using var first = AtomicFileWriter.Create(folder.File("x.wav"), overwrite: true);
        using var second = AtomicFileWriter.Create(folder.File("x.wav"), overwrite: true);

        Assert.NotEqual(first.TemporaryPath, second.TemporaryPath);
    }
}
