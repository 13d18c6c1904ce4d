using OpenAI.Realtime;

namespace TokenLab.Emulator.Conformance.Tests;

/// <summary>The SDK's GA realtime client against /v1/realtime: configure, add items, commit audio, respond, cancel, close.</summary>
public sealed class RealtimeClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ATextTurnIsConfiguredAnsweredAndClosed()
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var session = await StartAsync(timeout.Token);
        await session.ConfigureConversationSessionAsync(new RealtimeConversationSessionOptions
        {
            Instructions = "Answer briefly.",
            AudioOptions = new RealtimeConversationSessionAudioOptions
            {
                OutputAudioOptions = new RealtimeConversationSessionOutputAudioOptions { Voice = RealtimeVoice.Marin },
            },
        }, timeout.Token);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("Hello there"), timeout.Token);
        await session.StartResponseAsync(timeout.Token);
        var updates = await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ResponseDone, timeout.Token);

        var created = Assert.IsType<RealtimeServerUpdateSessionCreated>(updates[0]);
        Assert.IsType<RealtimeConversationSession>(created.Session);
        var updated = Assert.IsType<RealtimeConversationSession>(Single<RealtimeServerUpdateSessionUpdated>(updates).Session);
        Assert.Equal("Answer briefly.", updated.Instructions);
        Assert.Equal(RealtimeVoice.Marin, updated.AudioOptions.OutputAudioOptions.Voice);

        var part = Single<RealtimeServerUpdateResponseContentPartAdded>(updates).Part;
        Assert.Equal(RealtimeResponseContentPartKind.Audio, part.Kind);
        var transcript = string.Concat(updates.OfType<RealtimeServerUpdateResponseOutputAudioTranscriptDelta>().Select(delta => delta.Delta));
        Assert.Equal("You said: Hello there", transcript);
        Assert.Equal(transcript, Single<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(updates).Transcript);
        var audioBytes = updates.OfType<RealtimeServerUpdateResponseOutputAudioDelta>().Sum(delta => delta.Delta.ToMemory().Length);
        Assert.Equal(transcript.Length * 50 * 48, audioBytes);

        var response = Single<RealtimeServerUpdateResponseDone>(updates).Response;
        Assert.Equal(RealtimeResponseStatus.Completed, response.Status);
        Assert.StartsWith("conv_", response.ConversationId);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        var message = Assert.IsType<RealtimeMessageItem>(Assert.Single(response.OutputItems));
        var content = Assert.IsType<RealtimeOutputAudioMessageContentPart>(Assert.Single(message.Content));
        Assert.Equal(transcript, content.Transcript);

        var limits = (await ReceiveUntilAsync(session, RealtimeServerUpdateKind.RateLimitsUpdated, timeout.Token)).OfType<RealtimeServerUpdateRateLimitsUpdated>().Single();
        Assert.Equal(2, limits.RateLimitDetails.Count);
        Assert.All(limits.RateLimitDetails, limit => Assert.True(limit.RemainingCount < limit.Limit));
    }

    [Fact]
    public async Task CommittedAudioIsTranscribedAndAnswered()
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var session = await StartAsync(timeout.Token);
        var input = new RealtimeConversationSessionInputAudioOptions
        {
            AudioTranscriptionOptions = new RealtimeAudioTranscriptionOptions { Model = "whisper-1" },
        };
        input.DisableTurnDetection();
        await session.ConfigureConversationSessionAsync(new RealtimeConversationSessionOptions
        {
            AudioOptions = new RealtimeConversationSessionAudioOptions { InputAudioOptions = input },
        }, timeout.Token);

        await session.SendInputAudioAsync(BinaryData.FromBytes(Tone(1500)), timeout.Token);
        await session.CommitPendingAudioAsync(timeout.Token);
        var turn = await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ConversationItemInputAudioTranscriptionCompleted, timeout.Token);
        await session.StartResponseAsync(timeout.Token);
        var reply = await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ResponseDone, timeout.Token);

        var committed = Single<RealtimeServerUpdateInputAudioBufferCommitted>(turn);
        var transcription = Single<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>(turn);
        Assert.Equal(committed.ItemId, transcription.ItemId);
        Assert.Equal("(1.5 seconds of audio)", transcription.Transcript);
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.IsType<RealtimeTranscriptionDurationUsage>(transcription.Usage).Duration);
        Assert.Equal("I heard 1.5 seconds of audio.", Single<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(reply).Transcript);
    }

    [Fact]
    public async Task ServerVadFindsTheTurnAndAnswersIt()
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var session = await StartAsync(timeout.Token);
        await session.ConfigureConversationSessionAsync(new RealtimeConversationSessionOptions
        {
            AudioOptions = new RealtimeConversationSessionAudioOptions
            {
                InputAudioOptions = new RealtimeConversationSessionInputAudioOptions
                {
                    TurnDetection = new RealtimeServerVadTurnDetection { SilenceDuration = TimeSpan.FromMilliseconds(300), PrefixPadding = TimeSpan.Zero },
                },
            },
        }, timeout.Token);

        await session.SendInputAudioAsync(BinaryData.FromBytes([.. new byte[24000], .. Tone(1000), .. new byte[24000]]), timeout.Token);
        var updates = await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ResponseDone, timeout.Token);

        var started = Single<RealtimeServerUpdateInputAudioBufferSpeechStarted>(updates);
        var stopped = Single<RealtimeServerUpdateInputAudioBufferSpeechStopped>(updates);
        Assert.Equal(TimeSpan.FromMilliseconds(500), started.AudioStartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(1800), stopped.AudioEndTime);
        Assert.Equal(started.ItemId, Single<RealtimeServerUpdateInputAudioBufferCommitted>(updates).ItemId);
        Assert.Equal("I heard 1.3 seconds of audio.", Single<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(updates).Transcript);
    }

    [Fact]
    public async Task ACancelledResponseEndsCancelled()
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var session = await StartAsync(timeout.Token);

        await session.StartResponseAsync(new RealtimeResponseOptions
        {
            Metadata = new Dictionary<string, BinaryData> { ["emulator_audio_ms"] = BinaryData.FromObjectAsJson("600000") },
        }, timeout.Token);
        await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ResponseOutputAudioDelta, timeout.Token);
        await session.CancelResponseAsync(timeout.Token);
        var updates = await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ResponseDone, timeout.Token);

        var response = Single<RealtimeServerUpdateResponseDone>(updates).Response;
        Assert.Equal(RealtimeResponseStatus.Cancelled, response.Status);
        Assert.Equal(RealtimeResponseStatusReason.ClientCancelled, response.StatusDetails.Reason);
        Assert.DoesNotContain(updates, update => update is RealtimeServerUpdateError);
    }

    [Fact]
    public async Task ItemsAreRetrievedTruncatedAndDeleted()
    {
        using var timeout = new CancellationTokenSource(Bound);
        using var session = await StartAsync(timeout.Token);
        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("Hi"), timeout.Token);
        await session.StartResponseAsync(timeout.Token);
        var turn = await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ResponseDone, timeout.Token);
        // The first item done is the user's; the second is the reply's.
        var userItemId = ((RealtimeMessageItem)turn.OfType<RealtimeServerUpdateConversationItemDone>().First().Item).Id;
        var replyId = ((RealtimeMessageItem)Single<RealtimeServerUpdateResponseDone>(turn).Response.OutputItems[0]).Id;

        await session.RequestItemRetrievalAsync(userItemId, timeout.Token);
        var retrieved = Single<RealtimeServerUpdateConversationItemRetrieved>(await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ConversationItemRetrieved, timeout.Token));
        await session.TruncateItemAsync(replyId, 0, TimeSpan.FromMilliseconds(200), timeout.Token);
        var truncated = Single<RealtimeServerUpdateConversationItemTruncated>(await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ConversationItemTruncated, timeout.Token));
        await session.DeleteItemAsync(userItemId, timeout.Token);
        var deleted = Single<RealtimeServerUpdateConversationItemDeleted>(await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ConversationItemDeleted, timeout.Token));

        var text = Assert.IsType<RealtimeInputTextMessageContentPart>(Assert.Single(Assert.IsType<RealtimeMessageItem>(retrieved.Item).Content));
        Assert.Equal("Hi", text.Text);
        Assert.Equal(TimeSpan.FromMilliseconds(200), truncated.AudioEndTime);
        Assert.Equal(userItemId, deleted.ItemId);
    }

    [Fact]
    public async Task ATranscriptionSessionTranscribesEachTurnServerVadFinds()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var client = new RealtimeClient(emulator.Key, new RealtimeClientOptions { Endpoint = emulator.ApiEndpoint });

        // TokenLab needs the model on every upgrade, so the SDK's model-less StartTranscriptionSessionAsync is refused;
        // the intent goes with a model instead.
        using var session = await client.StartSessionAsync("gpt-realtime", "transcription", cancellationToken: timeout.Token);
        await session.ConfigureTranscriptionSessionAsync(new RealtimeTranscriptionSessionOptions
        {
            AudioOptions = new RealtimeTranscriptionSessionAudioOptions
            {
                InputAudioOptions = new RealtimeTranscriptionSessionInputAudioOptions
                {
                    AudioTranscriptionOptions = new RealtimeAudioTranscriptionOptions { Model = "gpt-4o-transcribe" },
                },
            },
        }, timeout.Token);
        await session.SendInputAudioAsync(BinaryData.FromBytes([.. Tone(700), .. new byte[24000]]), timeout.Token);
        var updates = await ReceiveUntilAsync(session, RealtimeServerUpdateKind.ConversationItemInputAudioTranscriptionCompleted, timeout.Token);

        var configured = Assert.IsType<RealtimeTranscriptionSession>(Single<RealtimeServerUpdateSessionUpdated>(updates).Session);
        Assert.Equal("gpt-4o-transcribe", configured.AudioOptions.InputAudioOptions.AudioTranscriptionOptions.Model);
        var deltas = string.Concat(updates.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionDelta>().Select(delta => delta.Delta));
        var completed = Single<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>(updates);
        Assert.Equal("(1.2 seconds of audio)", completed.Transcript);
        Assert.Equal(completed.Transcript, deltas);
        Assert.Equal(Single<RealtimeServerUpdateInputAudioBufferSpeechStarted>(updates).ItemId, completed.ItemId);
        Assert.DoesNotContain(updates, update => update is RealtimeServerUpdateResponseCreated);
    }

    [Fact]
    public async Task TheSdksModelLessTranscriptionSessionIsRefusedBeforeTheUpgrade()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var client = new RealtimeClient(emulator.Key, new RealtimeClientOptions { Endpoint = emulator.ApiEndpoint });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => client.StartTranscriptionSessionAsync(cancellationToken: timeout.Token));

        Assert.Contains("400", failure.ToString(), StringComparison.Ordinal);
    }

    private async Task<RealtimeSessionClient> StartAsync(CancellationToken token)
    {
        var client = new RealtimeClient(emulator.Key, new RealtimeClientOptions { Endpoint = emulator.ApiEndpoint });
        return await client.StartConversationSessionAsync("gpt-realtime", cancellationToken: token);
    }

    /// <summary>Updates up to and including the first of <paramref name="kind"/>.</summary>
    private static async Task<List<RealtimeServerUpdate>> ReceiveUntilAsync(RealtimeSessionClient session, RealtimeServerUpdateKind kind, CancellationToken token)
    {
        var updates = new List<RealtimeServerUpdate>();
        await foreach (var update in session.ReceiveUpdatesAsync(token))
        {
            updates.Add(update);
            if (update.Kind == kind)
            {
                return updates;
            }
        }

        throw new Xunit.Sdk.XunitException($"The session ended before {kind}; got {string.Join(", ", updates.Select(update => update.Kind))}.");
    }

    private static T Single<T>(IEnumerable<RealtimeServerUpdate> updates) => updates.OfType<T>().Single();

    /// <summary>A 440 Hz tone, 24 kHz mono PCM16: speech to server VAD.</summary>
    private static byte[] Tone(int milliseconds)
    {
        var pcm = new byte[milliseconds * 48];
        for (var i = 0; i < pcm.Length / 2; i++)
        {
            var sample = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 24000));
            pcm[2 * i] = (byte)sample;
            pcm[(2 * i) + 1] = (byte)(sample >> 8);
        }

        return pcm;
    }
}
