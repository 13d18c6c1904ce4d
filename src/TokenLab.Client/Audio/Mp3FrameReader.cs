using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Reads MPEG Layer III frames one at a time from a stream that need not be seekable, with a
    /// fixed buffer. ID3v2 tags are skipped, an ID3v1 tag ends the audio, bytes that are not a
    /// frame are skipped until the next frame header, and a final frame cut short is left out.
    /// </summary>
    public sealed class Mp3FrameReader
    {
        private const int Id3v2HeaderLength = 10;

        // Large enough for the longest Layer III frame (MPEG-1, 320 kbit/s, 32 kHz, padded: 1441 bytes).
        private readonly byte[] buffer = new byte[8192];
        private readonly Stream stream;
        private int start;
        private int end;
        private bool endOfStream;

        // Where buffer[0] lies in the stream, counted from where the reader started.
        private long bufferOffset;

        /// <summary>Reads from <paramref name="stream"/>'s current position; the stream is not disposed.</summary>
        public Mp3FrameReader(Stream stream)
        {
            this.stream = stream ?? throw new ArgumentNullException(nameof(stream));
        }

        /// <summary>The header of the frame last read.</summary>
        public Mp3FrameHeader? Header { get; private set; }

        /// <summary>The bytes of the frame last read, header included; valid until the next read.</summary>
        public ArraySegment<byte> Frame { get; private set; }

        /// <summary>
        /// True when the frame last read is a Xing, Info or VBRI frame: a silent frame that only
        /// describes the file, to be left out when frames of several files are joined.
        /// </summary>
        public bool IsInfoFrame { get; private set; }

        /// <summary>Where the frame last read starts, in bytes from the stream position the reader started at.</summary>
        public long FrameOffset => bufferOffset + start;

        /// <summary>Bytes skipped so far that were neither a frame nor a tag.</summary>
        public long SkippedBytes { get; private set; }

        /// <summary>Moves to the next frame; false at the end of the audio.</summary>
        public async Task<bool> ReadNextAsync(CancellationToken cancellationToken)
        {
            start += Frame.Count;
            Frame = default;
            while (await FillAsync(Mp3FrameHeader.Length, cancellationToken).ConfigureAwait(false))
            {
                if (IsTag("ID3") && await FillAsync(Id3v2HeaderLength, cancellationToken).ConfigureAwait(false))
                {
                    await SkipAsync(Id3v2TagLength(), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (IsTag("TAG"))
                {
                    return false;
                }

                if (Mp3FrameHeader.TryParse(buffer, start, out Mp3FrameHeader? header))
                {
                    if (!await FillAsync(header!.FrameLength, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }

                    Header = header;
                    Frame = new ArraySegment<byte>(buffer, start, header.FrameLength);
                    IsInfoFrame = HasInfoTag(header);
                    return true;
                }

                start++;
                SkippedBytes++;
            }

            return false;
        }

        private bool IsTag(string tag) =>
            end - start >= 3 && buffer[start] == tag[0] && buffer[start + 1] == tag[1] && buffer[start + 2] == tag[2];

        /// <summary>The whole ID3v2 tag's length: header, synch-safe size and the optional footer.</summary>
        private long Id3v2TagLength()
        {
            long size = ((buffer[start + 6] & 0x7F) << 21) | ((buffer[start + 7] & 0x7F) << 14) | ((buffer[start + 8] & 0x7F) << 7) | (buffer[start + 9] & 0x7F);
            bool hasFooter = (buffer[start + 5] & 0x10) != 0;
            return Id3v2HeaderLength + size + (hasFooter ? Id3v2HeaderLength : 0);
        }

        private bool HasInfoTag(Mp3FrameHeader header)
        {
            bool hasCrc = (buffer[start + 1] & 1) == 0;
            int xing = start + Mp3FrameHeader.Length + (hasCrc ? 2 : 0) + header.SideInfoLength;
            int vbri = start + Mp3FrameHeader.Length + 32;
            return At(xing, "Xing") || At(xing, "Info") || At(vbri, "VBRI");
        }

        private bool At(int offset, string tag) =>
            offset + 4 <= start + Frame.Count
            && buffer[offset] == tag[0] && buffer[offset + 1] == tag[1] && buffer[offset + 2] == tag[2] && buffer[offset + 3] == tag[3];

        /// <summary>Makes at least <paramref name="count"/> unread bytes available; false when the stream ends first.</summary>
        private async Task<bool> FillAsync(int count, CancellationToken cancellationToken)
        {
            if (end - start >= count)
            {
                return true;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            bufferOffset += start;
            end -= start;
            start = 0;
            while (end < count && !endOfStream)
            {
                int read = await stream.ReadAsync(buffer, end, buffer.Length - end, cancellationToken).ConfigureAwait(false);
                endOfStream = read == 0;
                end += read;
            }

            return end - start >= count;
        }

        private async Task SkipAsync(long count, CancellationToken cancellationToken)
        {
            long buffered = Math.Min(count, end - start);
            start += (int)buffered;
            count -= buffered;
            if (count > 0 && stream.CanSeek)
            {
                stream.Seek(count, SeekOrigin.Current);
                bufferOffset += count;
                return;
            }

            while (count > 0 && await FillAsync(1, cancellationToken).ConfigureAwait(false))
            {
                int skipped = (int)Math.Min(count, end - start);
                start += skipped;
                count -= skipped;
            }
        }
    }
}
