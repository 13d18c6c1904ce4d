using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests.Transcription;

public sealed class AudioUploadTests
{
    [Fact]
    public void AFileGoneBeforeAnAttemptIsAnAudioReadErrorThatNamesIt()
    {
        string path = Path.Combine(Path.GetTempPath(), "tokenlab-gone-" + Guid.NewGuid().ToString("N") + ".wav");
        File.WriteAllBytes(path, new byte[16]);
        AudioUpload upload = AudioUpload.FromFile(path);
        File.Delete(path);

        var error = Assert.Throws<AudioReadException>(() => upload.Open());

        Assert.Equal(Path.GetFullPath(path), error.Path);
        Assert.IsAssignableFrom<FileNotFoundException>(error.InnerException);
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }
}
