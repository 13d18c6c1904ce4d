using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NAudio.Wave;
using NLayer;
using NVorbis;
using TokenLab.Client.Audio;
using TokenLab.Client.IO;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// A recording opened for a realtime session: WAV (integer PCM of 8, 16, 24 or 32 bits, or 32-bit float, any
    /// rate and channel count, WAVE_FORMAT_EXTENSIBLE too), MP3, Ogg Vorbis, or raw 16-bit PCM, read as the realtime
    /// format (24 kHz, mono, 16-bit PCM) while it is sent: decoded, mixed to mono and resampled a block at a time,
    /// so memory stays constant whatever its length. Audio in the realtime format already passes through unchanged.
    /// </summary>
    public sealed class RealtimeInputAudio : IDisposable
    {
        /// <summary>What is accepted, in words, for messages.</summary>
        public const string AcceptedFormats =
            "WAV (8-, 16-, 24- or 32-bit PCM, or 32-bit float; any sample rate and channel count), MP3, Ogg Vorbis, or raw 16-bit PCM";

        // Enough to tell every format apart and to find two MP3 frames in a row.
        private const int HeadLength = 4096;

        private readonly IDisposable source;
        private readonly CountingWaveStream pcm;

        private RealtimeInputAudio(IDisposable source, IWaveProvider samples, string format)
            : this(source, IsRealtimeFormat(samples.WaveFormat) ? samples : null, samples.ToSampleProvider(), format)
        {
        }

        private RealtimeInputAudio(IDisposable source, ISampleProvider samples, string format)
            : this(source, null, samples, format)
        {
        }

        private RealtimeInputAudio(IDisposable source, IWaveProvider? unchanged, ISampleProvider samples, string format)
        {
            this.source = source;
            Format = format;
            IsConverted = unchanged is null;
            pcm = PcmConversion.AsStream(unchanged ?? PcmConversion.ToPcm16Mono(samples, RealtimeAudio.SampleRate));
        }

        /// <summary>The recording's format in words, such as "WAV, 44.1 kHz, stereo, 16-bit PCM".</summary>
        public string Format { get; }

        /// <summary>False when the recording is in the realtime format already and its samples are sent as they are.</summary>
        public bool IsConverted { get; }

        /// <summary>The audio in the realtime format, read forward only; for <see cref="RealtimeSession.SendAudioAsync"/>.</summary>
        public Stream Pcm => pcm;

        /// <summary>The playing time of what has been read from <see cref="Pcm"/> so far.</summary>
        public TimeSpan Duration => RealtimeAudio.Duration(pcm.BytesRead);

        /// <summary>
        /// Tells the format of <paramref name="recording"/> from its first bytes and opens it; the stream need not
        /// be seekable (a pipe, standard input) and is disposed with the result unless <paramref name="leaveOpen"/>. Bytes
        /// of no known format are raw PCM in <paramref name="raw"/>, or refused when it is null.
        /// </summary>
        /// <param name="recording">The recording, from its first byte.</param>
        /// <param name="name">The file name or a word for the source, for messages.</param>
        /// <param name="raw">The format of headerless audio; null to refuse it.</param>
        /// <param name="leaveOpen">Leaves <paramref name="recording"/> open: the caller's stream.</param>
        /// <param name="cancellationToken">Gives up reading the header.</param>
        /// <exception cref="InvalidDataException">Not a format that is accepted, or a damaged one; the message names
        /// what it is and what is accepted. <paramref name="recording"/> is disposed then too, unless <paramref name="leaveOpen"/>.</exception>
        public static async Task<RealtimeInputAudio> OpenAsync(Stream recording, string name, RawPcmFormat? raw, bool leaveOpen, CancellationToken cancellationToken)
        {
            if (recording is null)
            {
                throw new ArgumentNullException(nameof(recording));
            }

            long? remaining = recording.CanSeek ? recording.Length - recording.Position : (long?)null;
            ReplayedHeadStream stream = await ReplayedHeadStream.ReadHeadAsync(recording, HeadLength, leaveOpen, cancellationToken).ConfigureAwait(false);
            try
            {
                return await OpenKnownAsync(stream, name, raw, remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                stream.Dispose();
                if (ex is InvalidDataException || ex is OperationCanceledException)
                {
                    throw;
                }

                // The decoders throw what they like (NVorbis an ArgumentException, NLayer its own) on a damaged file.
                throw new InvalidDataException(name + " could not be read as " + RecordingKinds.Describe(stream.Head) + ": " + ex.Message, ex);
            }
        }

        /// <inheritdoc />
        public void Dispose() => source.Dispose();

        private static async Task<RealtimeInputAudio> OpenKnownAsync(ReplayedHeadStream stream, string name, RawPcmFormat? raw, long? remaining, CancellationToken cancellationToken)
        {
            switch (RecordingKinds.Of(stream.Head))
            {
                case RecordingKind.Wav:
                    return await OpenWavAsync(stream, name, cancellationToken).ConfigureAwait(false);
                case RecordingKind.Mp3:
                    var mpeg = new MpegFile(stream);
                    return Decoded(stream, mpeg, mpeg.SampleRate, mpeg.Channels, mpeg.ReadSamples, "MP3");
                case RecordingKind.OggVorbis:
                    var vorbis = new VorbisReader(stream, closeOnDispose: false);
                    return Decoded(stream, vorbis, vorbis.SampleRate, vorbis.Channels, vorbis.ReadSamples, "Ogg Vorbis");
                case RecordingKind.Unknown when raw != null:
                    var format = new WaveFormat(raw.SampleRate, RealtimeAudio.BitsPerSample, raw.Channels);
                    if (remaining % format.BlockAlign is long partial && partial != 0)
                    {
                        throw new InvalidDataException(name + " holds " + remaining + " bytes, which is no whole number of 16-bit " + Channels(raw.Channels)
                            + " sample frames (" + format.BlockAlign + " bytes each); realtime sessions take " + AcceptedFormats + ".");
                    }

                    return new RealtimeInputAudio(stream, PcmConversion.FromStream(stream, format, null), "raw PCM, " + Describe(raw.SampleRate, raw.Channels) + ", 16-bit");
                default:
                    throw new InvalidDataException(name + " is " + RecordingKinds.Describe(stream.Head) + "; realtime sessions take " + AcceptedFormats + ".");
            }
        }

        private static async Task<RealtimeInputAudio> OpenWavAsync(ReplayedHeadStream stream, string name, CancellationToken cancellationToken)
        {
            WavHeader header = await WavFormat.ReadHeaderAsync(stream, cancellationToken).ConfigureAwait(false);
            WaveFormat? format =
                header.Channels < 1 || header.SampleRate < 1 ? null
                : header.FormatTag == WavHeader.PcmFormatTag && (header.BitsPerSample == 8 || header.BitsPerSample == 16 || header.BitsPerSample == 24 || header.BitsPerSample == 32)
                    ? new WaveFormat(header.SampleRate, header.BitsPerSample, header.Channels)
                : header.FormatTag == WavHeader.FloatFormatTag && header.BitsPerSample == 32 ? WaveFormat.CreateIeeeFloatWaveFormat(header.SampleRate, header.Channels)
                : null;
            if (format is null)
            {
                throw new InvalidDataException(name + " is a WAV file of " + Describe(header) + "; realtime sessions take " + AcceptedFormats + ".");
            }

            return new RealtimeInputAudio(stream, PcmConversion.FromStream(stream, format, header.DataLength), "WAV, " + Describe(header));
        }

        private static RealtimeInputAudio Decoded(Stream stream, IDisposable decoder, int sampleRate, int channels, Func<float[], int, int, int> read, string kind)
        {
            if (sampleRate < 1 || channels < 1)
            {
                decoder.Dispose();
                throw new FormatException("it declares " + sampleRate + " Hz and " + channels + " channels.");
            }

            return new RealtimeInputAudio(new Both(decoder, stream), PcmConversion.FromDecoder(sampleRate, channels, read), kind + ", " + Describe(sampleRate, channels));
        }

        private static bool IsRealtimeFormat(WaveFormat format) =>
            format.Encoding == WaveFormatEncoding.Pcm && format.SampleRate == RealtimeAudio.SampleRate
            && format.Channels == RealtimeAudio.Channels && format.BitsPerSample == RealtimeAudio.BitsPerSample;

        /// <summary>Such as "16 kHz, stereo, 16-bit PCM" or "44.1 kHz, 6 channels, 32-bit float".</summary>
        internal static string Describe(WavHeader header)
        {
            string kind = header.FormatTag == WavHeader.PcmFormatTag ? header.BitsPerSample + "-bit PCM"
                : header.FormatTag == WavHeader.FloatFormatTag ? header.BitsPerSample + "-bit float"
                : RecordingKinds.WavEncoding(header.FormatTag);
            return Describe(header.SampleRate, header.Channels) + ", " + kind;
        }

        private static string Describe(int sampleRate, int channels) =>
            (sampleRate / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " kHz, " + Channels(channels);

        private static string Channels(int channels) => channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels";

        /// <summary>A decoder and the stream it reads, disposed together.</summary>
        private sealed class Both : IDisposable
        {
            private readonly IDisposable first;
            private readonly IDisposable second;

            public Both(IDisposable first, IDisposable second)
            {
                this.first = first;
                this.second = second;
            }

            public void Dispose()
            {
                first.Dispose();
                second.Dispose();
            }
        }
    }
}
