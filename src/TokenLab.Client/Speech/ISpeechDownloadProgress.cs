namespace TokenLab.Client.Speech
{
    /// <summary>Told how a speech download goes, from the thread that reads it (for a progress display).</summary>
    public interface ISpeechDownloadProgress
    {
        /// <summary>
        /// The audio started to arrive. <paramref name="audioLength"/> is its size in bytes when the response declares
        /// one (a raw audio body with a Content-Length); null for chunked audio and for server-sent events.
        /// </summary>
        void Started(long? audioLength);

        /// <summary>Another <paramref name="count"/> audio bytes arrived.</summary>
        void Received(long count);
    }
}
