namespace TokenLab.Client.Audio
{
    /// <summary>The MPEG audio version of a frame.</summary>
    public enum MpegVersion
    {
        /// <summary>MPEG-1 (32, 44.1, 48 kHz).</summary>
        Mpeg1,

        /// <summary>MPEG-2 (16, 22.05, 24 kHz).</summary>
        Mpeg2,

        /// <summary>MPEG-2.5 (8, 11.025, 12 kHz).</summary>
        Mpeg25,
    }
}
