using System;
using System.IO;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Decoded audio of any rate and channel count as 16-bit mono PCM at one rate, a block at a time: NAudio's
    /// sample converters and its managed WDL resampler, so memory stays the same whatever the recording's length.
    /// </summary>
    internal static class PcmConversion
    {
        /// <summary>16-bit mono PCM at <paramref name="sampleRate"/>: channels averaged, then resampled.</summary>
        public static IWaveProvider ToPcm16Mono(ISampleProvider source, int sampleRate)
        {
            ISampleProvider mono = source.WaveFormat.Channels == 1 ? source : new ChannelAverage(source);
            ISampleProvider resampled = mono.WaveFormat.SampleRate == sampleRate ? mono : new WdlResamplingSampleProvider(mono, sampleRate);
            return new SampleToWaveProvider16(resampled);
        }

        /// <summary>Samples from a decoder that fills float buffers with interleaved samples (NLayer, NVorbis).</summary>
        public static ISampleProvider FromDecoder(int sampleRate, int channels, Func<float[], int, int, int> read) =>
            new DecoderSamples(WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels), read);

        /// <summary>Interleaved integer or float samples read from a stream.</summary>
        public static IWaveProvider FromStream(Stream stream, WaveFormat format, long? byteLimit) => new StreamSamples(stream, format, byteLimit);

        /// <summary>The output of a wave provider as a forward-only stream, counting the bytes it gave.</summary>
        public static CountingWaveStream AsStream(IWaveProvider provider) => new CountingWaveStream(provider);

        /// <summary>Mono from any number of channels: the mean of each frame's samples.</summary>
        private sealed class ChannelAverage : ISampleProvider
        {
            private readonly ISampleProvider source;
            private readonly int channels;
            private float[] frames = new float[0];

            public ChannelAverage(ISampleProvider source)
            {
                this.source = source;
                channels = source.WaveFormat.Channels;
                WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, 1);
            }

            public WaveFormat WaveFormat { get; }

            public int Read(float[] buffer, int offset, int count)
            {
                int wanted = count * channels;
                if (frames.Length < wanted)
                {
                    frames = new float[wanted];
                }

                int frameCount = source.Read(frames, 0, wanted) / channels;
                for (int frame = 0; frame < frameCount; frame++)
                {
                    float sum = 0;
                    for (int channel = 0; channel < channels; channel++)
                    {
                        sum += frames[(frame * channels) + channel];
                    }

                    buffer[offset + frame] = sum / channels;
                }

                return frameCount;
            }
        }

        private sealed class DecoderSamples : ISampleProvider
        {
            private readonly Func<float[], int, int, int> read;

            public DecoderSamples(WaveFormat format, Func<float[], int, int, int> read)
            {
                WaveFormat = format;
                this.read = read;
            }

            public WaveFormat WaveFormat { get; }

            // Decoders want whole frames (all channels) per call.
            public int Read(float[] buffer, int offset, int count) => read(buffer, offset, count - (count % WaveFormat.Channels));
        }

        /// <summary>Whole sample frames from a stream, up to a byte limit; a partial frame at the end is dropped.</summary>
        private sealed class StreamSamples : IWaveProvider
        {
            private readonly Stream stream;
            private long left;

            public StreamSamples(Stream stream, WaveFormat format, long? byteLimit)
            {
                this.stream = stream;
                WaveFormat = format;
                left = byteLimit ?? long.MaxValue;
            }

            public WaveFormat WaveFormat { get; }

            public int Read(byte[] buffer, int offset, int count)
            {
                int block = WaveFormat.BlockAlign;
                count = (int)Math.Min(count - (count % block), left - (left % block));
                int filled = 0;
                while (filled < count)
                {
                    int read = stream.Read(buffer, offset + filled, count - filled);
                    if (read == 0)
                    {
                        filled -= filled % block;
                        break;
                    }

                    filled += read;
                }

                left -= filled;
                return filled;
            }
        }
    }
}
