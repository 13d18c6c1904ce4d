using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
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

    // ENOSPC as .NET reports it on Linux (the errno is the HResult).
    private const int NoSpaceLeftOnDevice = 28;

    [Fact]
    public void AWriteThatFindsTheDiskFullLeavesNothingAlthoughClosingFailsToo()
    {
        string target = folder.File("speech.mp3");
        var writer = AtomicFileWriter.Create(target, overwrite: false, path => new FullDiskStream(path, capacity: 10, buffered: false), NoReplace);

        var error = Assert.Throws<IOException>(() => writer.Stream.Write(new byte[100]));
        writer.Dispose();

        Assert.Equal(NoSpaceLeftOnDevice, error.HResult);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public void AFinalFlushThatFindsTheDiskFullFailsTheCommitAndLeavesNothing()
    {
        string target = folder.File("speech.wav");
        using (var writer = AtomicFileWriter.Create(target, overwrite: false, path => new FullDiskStream(path, capacity: 10, buffered: true), NoReplace))
        {
            writer.Stream.Write(new byte[100]);

            var error = Assert.Throws<IOException>(writer.Commit);

            Assert.Equal(NoSpaceLeftOnDevice, error.HResult);
        }

        Assert.Empty(folder.Names());
    }

    [Fact]
    public void AClosingFlushThatFailsWithoutACommitLeavesNothingAndDoesNotThrowOverTheFirstError()
    {
        string target = folder.File("speech.wav");
        var writer = AtomicFileWriter.Create(target, overwrite: false, path => new FullDiskStream(path, capacity: 10, buffered: true), NoReplace);
        writer.Stream.Write(new byte[100]);

        writer.Dispose();

        Assert.Empty(folder.Names());
    }

    [Fact]
    public void ATemporaryFileLeftByAKilledProcessIsRemovedByTheNextWriterOfTheSameTarget()
    {
        int dead = ExitedProcessId();
        string stale = folder.File(".speech.wav." + dead + "-3.partial");
        string otherTarget = folder.File(".other.wav." + dead + "-4.partial");
        string notOurs = folder.File(".speech.wav.notes.partial");
        foreach (string path in new[] { stale, otherTarget, notOurs })
        {
            File.WriteAllBytes(path, new byte[1000]);
        }

        using (var writer = AtomicFileWriter.Create(folder.File("speech.wav"), overwrite: false))
        {
            Assert.False(File.Exists(stale));
            writer.Stream.Write([1]);
            writer.Commit();
        }

        Assert.Equal([".other.wav." + dead + "-4.partial", ".speech.wav.notes.partial", "speech.wav"], folder.Names());
    }

    [Fact]
    public void ATemporaryFileOfALiveProcessIsKeptUntilItIsOlderThanTheBound()
    {
        // This process stands for a live one: its ID is running.
        string recent = folder.File(".speech.wav." + Environment.ProcessId + "-900001.partial");
        string old = folder.File(".speech.wav." + Environment.ProcessId + "-900002.partial");
        File.WriteAllBytes(recent, [1]);
        File.WriteAllBytes(old, [2]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow - AtomicFileWriter.AbandonedAfter - TimeSpan.FromHours(1));

        using (AtomicFileWriter.Create(folder.File("speech.wav"), overwrite: true))
        {
            Assert.True(File.Exists(recent));
            Assert.False(File.Exists(old));
        }
    }

    [Fact]
    public void ATemporaryFileAWriterStillHoldsIsNeverRemovedWhateverItsAge()
    {
        string target = folder.File("speech.wav");
        using var first = AtomicFileWriter.Create(target, overwrite: true);
        first.Stream.Write([1, 2, 3]);
        first.Stream.Flush();
        File.SetLastWriteTimeUtc(first.TemporaryPath, DateTime.UtcNow - AtomicFileWriter.AbandonedAfter - TimeSpan.FromHours(1));

        using (AtomicFileWriter.Create(target, overwrite: true))
        {
            Assert.True(File.Exists(first.TemporaryPath));
        }

        first.Commit();
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
    }

    [Theory]
    [InlineData("a", 251)] // 255 bytes, the legal maximum
    [InlineData("a", 220)] // the longest name kept whole in the temporary name
    [InlineData("a", 221)]
    [InlineData("\u00e4", 125)] // 2 UTF-8 bytes each: 254 bytes
    [InlineData("\u20ac", 83)] // 3 UTF-8 bytes each: 253 bytes
    [InlineData("\ud83d\ude00", 62)] // surrogate pairs, 4 UTF-8 bytes each: 252 bytes
    public void EveryLegalTargetNameWorksAndItsTemporaryNameStaysWithinTheLimit(string letter, int count)
    {
        string name = string.Concat(Enumerable.Repeat(letter, count)) + ".wav";
        Assert.True(Encoding.UTF8.GetByteCount(name) <= 255);

        string target = folder.File(name);
        using (var writer = AtomicFileWriter.Create(target, overwrite: false))
        {
            string temporaryName = Path.GetFileName(writer.TemporaryPath);
            Assert.True(Encoding.UTF8.GetByteCount(temporaryName) <= 255, temporaryName);
            Assert.StartsWith("." + name.Substring(0, 40), temporaryName, StringComparison.Ordinal);
            Assert.DoesNotContain('\ufffd', temporaryName);
            writer.Stream.Write([5]);
            writer.Commit();
        }

        Assert.Equal([name], folder.Names());
    }

    [Fact]
    public void LongNamesThatShareTheirStartGetDifferentTemporaryStems()
    {
        string start = new string('x', 240);

        Assert.NotEqual(AtomicFileWriter.TemporaryStem(start + "-one.wav"), AtomicFileWriter.TemporaryStem(start + "-two.wav"));
    }

    [Fact]
    public void ALeftoverOfALongTargetNameIsFoundAgain()
    {
        string name = new string('y', 250) + ".mp3";
        string stale = folder.File(AtomicFileWriter.TemporaryStem(name) + ExitedProcessId() + "-1.partial");
        File.WriteAllBytes(stale, [1]);

        using (AtomicFileWriter.Create(folder.File(name), overwrite: false))
        {
            Assert.False(File.Exists(stale));
        }
    }

    [Fact]
    public void AReplaceRefusedWhileTheTargetIsOpenElsewhereIsRetried()
    {
        string target = folder.File("speech.wav");
        File.WriteAllText(target, "old");
        int refusals = 0;
        using (var writer = AtomicFileWriter.Create(target, overwrite: true, OpenFile, (source, destination) =>
        {
            if (++refusals <= 2)
            {
                throw SharingViolation();
            }

            File.Replace(source, destination, null);
        }))
        {
            writer.Stream.Write("new"u8);
            writer.Commit();
        }

        Assert.Equal(3, refusals);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(["speech.wav"], folder.Names());
    }

    [Fact]
    public void ATargetThatStaysLockedIsReportedAsSuchAndKeptAsItWas()
    {
        string target = folder.File("speech.wav");
        File.WriteAllText(target, "old");
        OutputFileReplaceException error;
        using (var writer = AtomicFileWriter.Create(target, overwrite: true, OpenFile, (_, _) => throw SharingViolation()))
        {
            writer.Stream.Write("new"u8);
            error = Assert.Throws<OutputFileReplaceException>(writer.Commit);
        }

        Assert.Equal(target, error.Path);
        Assert.Contains("another program holds it open", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("disk", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["speech.wav"], folder.Names());
    }

    private static Stream OpenFile(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

    private static void NoReplace(string source, string target) => throw new InvalidOperationException("No replace expected.");

    private static IOException SharingViolation() =>
        new("The process cannot access the file because it is being used by another process.", unchecked((int)0x80070020));

    /// <summary>The ID of a process that has exited: what a temporary file of a killed run carries.</summary>
    private static int ExitedProcessId()
    {
        var start = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? new ProcessStartInfo("cmd.exe", "/c exit 0")
            : new ProcessStartInfo("/bin/sh", "-c true");
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>
    /// A file on a disk with room for <c>capacity</c> bytes. Unbuffered, the write that overflows fails with ENOSPC;
    /// buffered, writes succeed and the closing flush fails. Either way closing fails after the handle is closed, as a FileStream's does.
    /// </summary>
    private sealed class FullDiskStream(string path, long capacity, bool buffered) : Stream
    {
        private readonly FileStream file = new(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        private long written;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => file.Length;

        public override long Position { get => file.Position; set => file.Position = value; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

        public override void SetLength(long value) => file.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count)
        {
            written += count;
            if (!buffered && written > capacity)
            {
                throw DiskFull();
            }

            file.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            file.Dispose();
            if (disposing && written > capacity)
            {
                throw DiskFull();
            }
        }

        private static IOException DiskFull() => new("No space left on device", NoSpaceLeftOnDevice);
    }
}
