using System.Globalization;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>One conversation item: what the reply and the token counts are computed from.</summary>
internal sealed record ConversationItem(string Id, string Role, string? Text, int AudioMs);

/// <summary>
/// A session's conversation and its input audio buffer (only its length: the voice activity detector reads
/// the audio as it arrives, nothing keeps it). The receive loop and a running response both use it, so
/// every member takes the lock.
/// </summary>
internal sealed class RealtimeConversation
{
    private readonly LinkedList<ConversationItem> _items = new();
    private readonly Lock _gate = new();
    private long _bufferedAudioBytes;

    public string Id { get; } = RealtimeIds.New("conv");

    /// <summary>Milliseconds of 24 kHz PCM16 appended since the last commit or clear.</summary>
    public double BufferedAudioMs
    {
        get
        {
            lock (_gate)
            {
                return (double)_bufferedAudioBytes / ToneGenerator.BytesPerMillisecond;
            }
        }
    }

    public string? LastItemId
    {
        get
        {
            lock (_gate)
            {
                return _items.Last?.Value.Id;
            }
        }
    }

    public void AppendAudio(int bytes)
    {
        lock (_gate)
        {
            _bufferedAudioBytes += bytes;
        }
    }

    public void ClearAudio()
    {
        lock (_gate)
        {
            _bufferedAudioBytes = 0;
        }
    }

    /// <summary>Turns the whole input audio buffer into a user item.</summary>
    public ConversationItem CommitAudio()
    {
        lock (_gate)
        {
            var item = Add(new ConversationItem(RealtimeIds.New("item"), "user", null, (int)Math.Min(int.MaxValue, _bufferedAudioBytes / ToneGenerator.BytesPerMillisecond)));
            _bufferedAudioBytes = 0;
            return item;
        }
    }

    /// <summary>
    /// Turns a turn that server VAD found into a user item of <paramref name="audioMs"/>; the buffer keeps
    /// the <paramref name="laterBytes"/> appended after the turn ended.
    /// </summary>
    public ConversationItem CommitTurn(string itemId, int audioMs, long laterBytes)
    {
        lock (_gate)
        {
            var item = Add(new ConversationItem(itemId, "user", null, audioMs));
            _bufferedAudioBytes = Math.Clamp(laterBytes, 0, _bufferedAudioBytes);
            return item;
        }
    }

    public ConversationItem? Find(string itemId)
    {
        lock (_gate)
        {
            return _items.FirstOrDefault(item => item.Id == itemId);
        }
    }

    public bool Delete(string itemId)
    {
        lock (_gate)
        {
            var node = _items.First;
            while (node is not null && node.Value.Id != itemId)
            {
                node = node.Next;
            }

            if (node is null)
            {
                return false;
            }

            _items.Remove(node);
            return true;
        }
    }

    /// <summary>Cuts an item's audio at <paramref name="audioEndMs"/> (what the user heard before interrupting).</summary>
    public void Truncate(ConversationItem item, int audioEndMs)
    {
        lock (_gate)
        {
            for (var node = _items.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == item.Id)
                {
                    node.Value = node.Value with { AudioMs = Math.Min(node.Value.AudioMs, audioEndMs) };
                }
            }
        }
    }

    public ConversationItem AddUser(string? text, int audioMs)
    {
        lock (_gate)
        {
            return Add(new ConversationItem(RealtimeIds.New("item"), "user", text, audioMs));
        }
    }

    public ConversationItem AddAssistant(string itemId, string transcript, int audioMs)
    {
        lock (_gate)
        {
            return Add(new ConversationItem(itemId, "assistant", transcript, audioMs));
        }
    }

    /// <summary>What the emulator "says" back: an echo of the last user input.</summary>
    public string ReplyText()
    {
        ConversationItem? lastUser;
        lock (_gate)
        {
            lastUser = _items.LastOrDefault(item => item.Role == "user");
        }

        return lastUser switch
        {
            null => "Hello from the TokenLab emulator.",
            { Text: { } text } => "You said: " + (text.Length > 200 ? text[..200] + "…" : text),
            _ => "I heard " + (lastUser.AudioMs / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " seconds of audio.",
        };
    }

    /// <summary>The input tokens of a response: the whole conversation is the model's context.</summary>
    public (int Text, int Audio) InputTokens(string instructions)
    {
        var text = RealtimeUsage.TextTokens(instructions);
        var audio = 0;
        lock (_gate)
        {
            foreach (var item in _items)
            {
                text += RealtimeUsage.TextTokens(item.Text);
                audio += RealtimeUsage.AudioTokens(item.AudioMs);
            }
        }

        return (text, audio);
    }

    // Called with the lock held.
    private ConversationItem Add(ConversationItem item)
    {
        _items.AddLast(item);
        if (_items.Count > RealtimeLimits.MaxConversationItems)
        {
            _items.RemoveFirst();
        }

        return item;
    }
}
