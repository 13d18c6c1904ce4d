using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// Reads a multipart/form-data upload as it streams in: the audio goes to a temporary file (only up to the
/// limit; beyond it the bytes are counted and dropped), text parts are kept. The whole body is always read,
/// so a client that is still sending gets the answer instead of a reset connection.
/// </summary>
internal static class TranscriptionFormReader
{
    public const string FilePart = "file";

    private const int MaxFieldBytes = 64 * 1024;
    private const int CopyBufferBytes = 81920;

    /// <summary>Parses the form; null with <paramref name="problem"/> set when the body is not a usable form.</summary>
    public static async Task<(TranscriptionForm? Form, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, "The request must be multipart/form-data with a boundary.");
        }

        // The 25 MB rule is TokenLab's, answered with its own 413 body; Kestrel's smaller default must not answer first.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        var fields = new List<KeyValuePair<string, string>>();
        UploadedAudio? file = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return Fail(file, "Every part needs a Content-Disposition of form-data with a name.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition() && name == FilePart && file is null)
                {
                    file = await ReadFileAsync(section, disposition, cancellationToken);
                }
                else if (disposition.IsFileDisposition())
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    fields.Add(new(name, string.Empty));
                }
                else if (await ReadFieldAsync(section, cancellationToken) is { } value)
                {
                    fields.Add(new(name, value));
                }
                else
                {
                    return Fail(file, $"The multipart part '{name}' is longer than {MaxFieldBytes} bytes; only the file part may be large.");
                }
            }
        }
        catch (InvalidDataException)
        {
            // The reader's message is .NET's wording; the client needs to know the framing is broken.
            return Fail(file, "The multipart body is malformed: its boundaries or part headers do not follow multipart/form-data, or it ends early.");
        }

        return (new TranscriptionForm(file, fields), null);
    }

    private static (TranscriptionForm?, string?) Fail(UploadedAudio? file, string problem)
    {
        file?.Dispose();
        return (null, problem);
    }

    private static async Task<UploadedAudio> ReadFileAsync(MultipartSection section, ContentDispositionHeaderValue disposition, CancellationToken cancellationToken)
    {
        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
        var content = new FileStream(
            Path.Combine(Path.GetTempPath(), "tokenlab-emulator-" + Guid.NewGuid().ToString("N") + ".upload"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, CopyBufferBytes, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[CopyBufferBytes];
            long length = 0;
            int read;
            while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var keep = (int)Math.Clamp(AudioUploadRules.MaxFileBytes - length, 0, read);
                await content.WriteAsync(buffer.AsMemory(0, keep), cancellationToken);
                length += read;
            }

            if (length > AudioUploadRules.MaxFileBytes)
            {
                await content.DisposeAsync();
                return new UploadedAudio(fileName, section.ContentType, length, null);
            }

            return new UploadedAudio(fileName, section.ContentType, length, content);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    /// <summary>A text part's value; null when it is longer than <see cref="MaxFieldBytes"/>.</summary>
    private static async Task<string?> ReadFieldAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        using var text = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length + read > MaxFieldBytes)
            {
                return null;
            }

            text.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }
}
