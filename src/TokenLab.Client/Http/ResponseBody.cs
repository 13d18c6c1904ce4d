using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// A response body as the client reads it. gzip is decoded here rather than by the handler, so that the
    /// caps count decoded bytes (a small gzip bomb cannot inflate past them) and a request can leave
    /// compression out (audio never asks for it; the handler would ask on every request). The bodies the
    /// client buffers (JSON, text) are read up to <see cref="MaxBufferedBytes"/>.
    /// </summary>
    internal static class ResponseBody
    {
        /// <summary>A JSON or text body, decoded: far above any model list or transcript, far below what would strain memory.</summary>
        public const int MaxBufferedBytes = 32 * 1024 * 1024;

        private const string Gzip = "gzip";

        /// <summary>The decoded body.</summary>
        /// <exception cref="InvalidDataException">An encoding other than gzip (the only one the client asks for).</exception>
        public static async Task<Stream> OpenAsync(HttpContent content)
        {
            Stream raw = await content.ReadAsStreamAsync().ConfigureAwait(false);
            List<string> encodings = content.Headers.ContentEncoding.Where(e => !string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase)).ToList();
            if (encodings.Count == 0)
            {
                return raw;
            }

            if (encodings.Count == 1 && string.Equals(encodings[0], Gzip, StringComparison.OrdinalIgnoreCase))
            {
                return new GZipStream(raw, CompressionMode.Decompress);
            }

            raw.Dispose();
            throw new InvalidDataException("The body is encoded as " + string.Join(", ", encodings) + "; the client accepts gzip only.");
        }

        /// <summary>The whole body, at most <see cref="MaxBufferedBytes"/>.</summary>
        /// <exception cref="BodyCapExceededException">The body is larger.</exception>
        public static async Task<ArraySegment<byte>> ReadAllAsync(Stream body, CancellationToken cancellationToken)
        {
            var buffered = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffered.Length + read > MaxBufferedBytes)
                {
                    throw new BodyCapExceededException("its JSON or text body", MaxBufferedBytes);
                }

                buffered.Write(chunk, 0, read);
            }

            return new ArraySegment<byte>(buffered.GetBuffer(), 0, (int)buffered.Length);
        }
    }
}
