namespace TokenLab.Client.Transcription
{
    /// <summary>Where a transcription call is.</summary>
    public enum TranscriptionStage
    {
        /// <summary>Sending the audio; <see cref="TranscriptionProgress.BytesSent"/> grows.</summary>
        Uploading,

        /// <summary>The audio is sent; waiting for the service to answer.</summary>
        Processing,

        /// <summary>The service accepted an asynchronous task; polling it.</summary>
        WaitingForTask,

        /// <summary>The transcript has arrived.</summary>
        Completed,
    }
}
