using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Http;

namespace TokenLab.Client.Sse
{
    /// <summary>
    /// Reads <c>text/event-stream</c> events as they arrive, with a fixed read buffer and a bounded line
    /// length (WHATWG rules: LF, CRLF or CR end a line, ':' starts a comment, a blank line dispatches,
    /// an unfinished event at the end of the stream is dropped). An event's data is bounded too: it is
    /// held in memory until its blank line comes.
    /// </summary>
    internal sealed class ServerSentEventReader
    {
        // A line longer than this is not an event TokenLab sends; refusing it keeps memory bounded.
        private const int MaxLineBytes = 16 * 1024 * 1024;

        // The same for the data of one event, however many lines it is split into.
        private const int MaxEventChars = 16 * 1024 * 1024;

        private readonly Stream stream;
        private readonly byte[] buffer = new byte[16 * 1024];
        private readonly MemoryStream line = new MemoryStream();
        private readonly StringBuilder data = new StringBuilder();
        private int start;
        private int end;
        private bool skipLineFeed;
        private string? eventName;
        private bool hasData;

        public ServerSentEventReader(Stream stream)
        {
            this.stream = stream;
        }

        /// <summary>The next event; null at the end of the stream.</summary>
        public async Task<ServerSentEvent?> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                string? text = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (text is null)
                {
                    return null;
                }

                if (text.Length == 0)
                {
                    if (hasData)
                    {
                        var dispatched = new ServerSentEvent(eventName, data.ToString());
                        Reset();
                        return dispatched;
                    }

                    Reset();
                    continue;
                }

                Apply(text);
            }
        }

        private void Apply(string text)
        {
            if (text[0] == ':')
            {
                return;
            }

            int colon = text.IndexOf(':');
            string field = colon < 0 ? text : text.Substring(0, colon);
            string value = colon < 0 ? string.Empty : text.Substring(colon + 1 < text.Length && text[colon + 1] == ' ' ? colon + 2 : colon + 1);
            if (field == "data")
            {
                if (hasData)
                {
                    data.Append('\n');
                }

                if (data.Length + value.Length > MaxEventChars)
                {
                    throw new BodyCapExceededException("a server-sent event", MaxEventChars);
                }

                data.Append(value);
                hasData = true;
            }
            else if (field == "event")
            {
                eventName = value;
            }
        }

        private void Reset()
        {
            data.Clear();
            hasData = false;
            eventName = null;
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            line.SetLength(0);
            while (true)
            {
                if (start == end)
                {
                    start = 0;
                    end = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                    if (end == 0)
                    {
                        return null;
                    }
                }

                if (skipLineFeed)
                {
                    skipLineFeed = false;
                    if (buffer[start] == '\n')
                    {
                        start++;
                        continue;
                    }
                }

                int lineEnd = IndexOfLineEnd(start, end);
                int stop = lineEnd < 0 ? end : lineEnd;
                line.Write(buffer, start, stop - start);
                if (line.Length > MaxLineBytes)
                {
                    throw new BodyCapExceededException("a server-sent event line", MaxLineBytes);
                }

                if (lineEnd < 0)
                {
                    start = end;
                    continue;
                }

                skipLineFeed = buffer[lineEnd] == '\r';
                start = lineEnd + 1;
                return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
            }
        }

        private int IndexOfLineEnd(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (buffer[i] == '\n' || buffer[i] == '\r')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
