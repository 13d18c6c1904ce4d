# Realtime sessions: Start-, Send-, Receive-, Stop- and Get-TokenLabRealtime against the emulator's
# /v1/realtime WebSocket. Assertions use session states, event sequences and the emulator's logs, never
# wall-clock times; every wait is bounded (-TimeoutSec, -Until) so a broken build fails instead of hanging.
# Windows PowerShell 5.1 must be able to parse this file.
BeforeDiscovery {
    $script:RejectionCases = @(
        @{ Name = '400 model_not_found (no model check)'; Model = 'gpt-realtme'; Fault = $null; Id = 'TokenLab.ModelNotFound'; Category = 'ObjectNotFound'; Status = 400; Code = 'model_not_found' }
        @{ Name = '400 no_contract_compatible_route (no model check)'; Model = 'tts-1'; Fault = $null; Id = 'TokenLab.InvalidRequest'; Category = 'InvalidArgument'; Status = 400; Code = 'no_contract_compatible_route' }
        @{ Name = '401 invalid_api_key'; Model = 'gpt-realtime'; Fault = $null; Id = 'TokenLab.AuthenticationFailed'; Category = 'AuthenticationError'; Status = 401; Code = 'invalid_api_key'; RejectedKey = 'sk-unknown-realtime-key-7q2' }
        @{ Name = '402 insufficient_balance'; Model = 'gpt-realtime'; Fault = @{ Status = 402 }; Id = 'TokenLab.InsufficientBalance'; Category = 'QuotaExceeded'; Status = 402; Code = 'insufficient_balance' }
        @{ Name = '429 rate_limit_exceeded'; Model = 'gpt-realtime'; Fault = @{ Status = 429; RetryAfter = 7 }; Id = 'TokenLab.RateLimitExceeded'; Category = 'LimitsExceeded'; Status = 429; Code = 'rate_limit_exceeded' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AudioTestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri
    $Key = $Test.ApiKey
    # Every Receive here has a bound: a missing event fails the test instead of hanging the suite.
    $Bound = 15

    # Advanced, so -ErrorVariable and -ErrorAction on the call see the errors of the cmdlet inside.
    function Start-Session {
        [CmdletBinding()]
        param([hashtable] $Parameters = @{}, [string] $Model = 'gpt-realtime')
        Start-TokenLabRealtime -Model $Model -BaseUri $BaseUri -ApiKey $Key @Parameters
    }

    function Send-Text {
        param($Session, [string] $Text)
        Send-TokenLabRealtimeEvent -Session $Session -Event @{
            type = 'conversation.item.create'
            item = @{ type = 'message'; role = 'user'; content = @(@{ type = 'input_text'; text = $Text }) }
        }
    }

    function Get-Transcript {
        param($Events)
        -join @($Events | Where-Object { $_.GaType -eq 'response.output_audio_transcript.delta' } | ForEach-Object { $_.Delta })
    }

    function Reset-TestState {
        foreach ($session in @(Get-TokenLabRealtime)) { $null = Stop-TokenLabRealtime -Session $session }
        Disconnect-TokenLab
        Reset-Emulator
    }
}

AfterAll {
    foreach ($session in @(Get-TokenLabRealtime)) { $null = Stop-TokenLabRealtime -Session $session }
    Complete-TokenLabTest
}

Describe 'Start-TokenLabRealtime: opening and configuring a session' {
    BeforeEach { Reset-TestState }

    It 'opens a session with the Bearer key and returns it Open, with the ID from session.created' {
        $session = Start-Session
        $session.State | Should -Be 'Open'
        $session.Model | Should -Be 'gpt-realtime'
        $session.SessionId | Should -Match '^sess_'
        $session.Dialect | Should -Be 'Ga'
        $session.OpenedAt | Should -BeOfType [DateTimeOffset]

        $record = @(Get-EmulatorRealtimeSession)
        $record.Count | Should -Be 1
        $record[0].sessionId | Should -Be $session.SessionId
        $upgrade = @(Get-EmulatorRequest -Path '/v1/realtime')
        $upgrade.Count | Should -Be 1
        $upgrade[0].query | Should -Be '?model=gpt-realtime'
        $upgrade[0].apiKeyStatus | Should -Be 'valid'
        $upgrade[0].requestId | Should -Be $session.RequestId
        $session.PSObject.TypeNames[0] | Should -Be 'TokenLab.PowerShell.Output.TokenLabRealtimeSession'
    }

    It 'maps -Instructions, -Voice, -OutputModality, -TurnDetection and -InputTranscriptionModel onto one session.update' {
        $session = Start-Session -Parameters @{ Instructions = 'Be brief.'; Voice = 'marin'; OutputModality = 'Text'; TurnDetection = 'None'; InputTranscriptionModel = 'whisper-1' }
        $updated = @(Receive-TokenLabRealtimeEvent -Session $session -Until session.updated -TimeoutSec $Bound)
        @($updated | ForEach-Object { $_.Type }) | Should -Be @('session.created', 'session.updated')
        $effective = ($updated[1].Json | ConvertFrom-Json).session
        $effective.instructions | Should -Be 'Be brief.'
        $effective.audio.output.voice | Should -Be 'marin'
        @($effective.output_modalities) | Should -Be @('text')
        $effective.audio.input.turn_detection | Should -BeNullOrEmpty
        $effective.audio.input.transcription.model | Should -Be 'whisper-1'
        @((Get-EmulatorRealtimeSession)[0].clientEvents) | Should -Be @('session.update')
    }

    It 'merges -Session entries last, over the switches' {
        $session = Start-Session -Parameters @{ Instructions = 'from the switch'; Session = @{ instructions = 'from the table'; audio = @{ output = @{ voice = 'cedar' } } } }
        $updated = @(Receive-TokenLabRealtimeEvent -Session $session -Type session.updated -Until session.updated -TimeoutSec $Bound)
        $effective = ($updated[0].Json | ConvertFrom-Json).session
        $effective.instructions | Should -Be 'from the table'
        $effective.audio.output.voice | Should -Be 'cedar'
    }

    It 'speaks the beta shape to a model that uses beta names' {
        $session = Start-Session -Model 'qwen-tts-realtime' -Parameters @{ Voice = 'Cherry'; OutputModality = 'Audio' }
        $session.Dialect | Should -Be 'Beta'
        $updated = @(Receive-TokenLabRealtimeEvent -Session $session -Type session.updated -Until session.updated -TimeoutSec $Bound)
        $effective = ($updated[0].Json | ConvertFrom-Json).session
        $effective.voice | Should -Be 'Cherry'
        @($effective.modalities) | Should -Be @('text', 'audio')
    }

    It 'refuses a session.update the server rejects, and closes the socket' {
        $errors = $null
        Start-Session -Parameters @{ Session = @{ output_modalities = @('audio', 'text') } } -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeError,*'
        $errors[0].Exception.ClientEventId | Should -Be 'tl_session_update'
        @(Get-TokenLabRealtime).Count | Should -Be 0
        $record = @(Get-EmulatorRealtimeSession)[0]
        (Wait-EmulatorRealtimeEnd -SessionId $record.sessionId).end | Should -Not -Be 'open'
    }

    It 'opens nothing with -WhatIf (at most the catalog is read, for the price)' {
        Start-Session -Parameters @{ WhatIf = $true } | Should -BeNullOrEmpty
        @(Get-EmulatorRequest | Where-Object { $_.path -ne '/v1/models/gpt-realtime' }).Count | Should -Be 0
    }

    It 'refuses a missing model before connecting' {
        { Start-TokenLabRealtime -Model '' -BaseUri $BaseUri -ApiKey $Key } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'needs a key' {
        { Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri } | Should -Throw -ErrorId 'TokenLab.ApiKeyMissing,*'
    }
}

Describe 'Start-TokenLabRealtime: the model check' {
    BeforeEach { Reset-TestState }

    It 'refuses a model whose details do not declare /v1/realtime, listing the realtime models' {
        $errors = $null
        $output = Start-Session -Model 'tts-1' -ErrorVariable errors -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeNotSupported,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -BeLike '*gpt-realtime, gpt-realtime-mini, qwen-tts-realtime*'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-SkipModelCheck*'
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 0
    }

    It 'checks a model once per PowerShell session' {
        $first = Start-Session -Model 'gpt-realtime-mini'
        $second = Start-Session -Model 'gpt-realtime-mini'
        @(Get-EmulatorRequest -Path '/v1/models/gpt-realtime-mini').Count | Should -Be 1
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 2
        $first.SessionId | Should -Not -Be $second.SessionId
    }

    It 'skips the check with -SkipModelCheck' {
        $session = Start-Session -Model 'gpt-realtime' -Parameters @{ SkipModelCheck = $true }
        $session.State | Should -Be 'Open'
        @(Get-EmulatorRequest -Path '/v1/models*').Count | Should -Be 0
    }
}

Describe 'Handshake rejections' {
    BeforeEach { Reset-TestState }

    It '<Name> -> <Id> with the status, code, message and request ID' -ForEach $RejectionCases {
        if ($null -ne $Fault) { Add-EmulatorFault -Match '/v1/realtime' @Fault }
        $apiKey = $Key
        if ($RejectedKey) { $apiKey = $RejectedKey }
        $errors = $null
        $output = Start-TokenLabRealtime -Model $Model -BaseUri $BaseUri -ApiKey $apiKey -SkipModelCheck -ErrorVariable errors -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $upgrade = @(Get-EmulatorRequest -Path '/v1/realtime')
        $upgrade.Count | Should -Be 1 -Because 'the handshake is attempted once, never retried'
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].CategoryInfo.Category | Should -Be $Category
        $errors[0].Exception.StatusCode | Should -Be $Status
        $errors[0].Exception.ErrorCode | Should -Be $Code
        $errors[0].Exception.ServerMessage | Should -Not -BeNullOrEmpty
        $errors[0].Exception.RequestId | Should -Be $upgrade[0].requestId
        $errors[0].Exception.Message | Should -BeLike "*$Status*$Code*$($upgrade[0].requestId)*"
        if ($Status -eq 429) { $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*7 seconds*' }
    }
}

Describe 'An upgrade that did not switch protocols' {
    BeforeEach { Reset-TestState }

    It 'says the server answered 200 instead of 101, that a proxy probably dropped the upgrade, and shows the websocket_url' {
        # What TokenLab answers a GET /v1/realtime that lost its Upgrade header on the way: its documented metadata.
        $metadata = '{"object":"realtime.endpoint","websocket_url":"/v1/realtime?model={model}","protocol":"tokenlab_realtime_proxy"}'
        Add-EmulatorFault -Match '/v1/realtime' -Status 200 -ContentType 'application/json' -RawBody $metadata
        $errors = $null
        $output = Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -SkipModelCheck -ErrorVariable errors -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ProtocolError,*'
        $message = $errors[0].Exception.Message
        $message | Should -BeLike '*200 instead of 101 Switching Protocols*'
        $message | Should -BeLike '*proxy*dropped the Upgrade header*'
        $message | Should -BeLike '*websocket_url /v1/realtime?model={model}*'
        $message | Should -Not -BeLike '*API error 200*'
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 1
    }
}

Describe 'Sending text and audio, receiving typed events' {
    BeforeEach { Reset-TestState }

    It 'sends events from hashtables, objects and JSON text, from the pipeline too' {
        $session = Start-Session
        @(
            @{ type = 'input_audio_buffer.clear' }
            [pscustomobject]@{ type = 'input_audio_buffer.clear'; event_id = 'evt_object' }
            '{"type":"input_audio_buffer.clear","event_id":"evt_json"}'
        ) | Send-TokenLabRealtimeEvent -Session $session
        $cleared = @(1..3 | ForEach-Object { Receive-TokenLabRealtimeEvent -Session $session -Type 'input_audio_buffer.*' -Until input_audio_buffer.cleared -TimeoutSec $Bound })
        @($cleared | ForEach-Object { $_.Type }) | Should -Be @('input_audio_buffer.cleared', 'input_audio_buffer.cleared', 'input_audio_buffer.cleared')
        @((Get-EmulatorRealtimeSession)[0].clientEvents) | Should -Be @('input_audio_buffer.clear', 'input_audio_buffer.clear', 'input_audio_buffer.clear')
        $session.EventsSent | Should -Be 3
    }

    It 'refuses an event without a type, and one that cannot be read, without sending it' {
        $session = Start-Session
        $errors = $null
        Send-TokenLabRealtimeEvent -Session $session -Event @{ kind = 'no type' } -ErrorVariable errors -ErrorAction SilentlyContinue
        Send-TokenLabRealtimeEvent -Session $session -Event '{"type": ' -ErrorVariable +errors -ErrorAction SilentlyContinue
        @($errors).Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.InvalidRealtimeEvent,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $session.EventsSent | Should -Be 0
    }

    It 'answers a text turn with typed events: transcript deltas, decoded audio, usage' {
        $session = Start-Session
        Send-Text -Session $session -Text 'Hello there'
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $events = @(Receive-TokenLabRealtimeEvent -Session $session -Until response.done -TimeoutSec $Bound)

        $events[-1].Type | Should -Be 'response.done'
        Get-Transcript $events | Should -Be 'You said: Hello there'
        $audio = @($events | Where-Object { $_.Type -eq 'response.output_audio.delta' })
        $audio.Count | Should -BeGreaterThan 0
        ($audio | ForEach-Object { $_.AudioBytes.Length } | Measure-Object -Sum).Sum | Should -Be ('You said: Hello there'.Length * 50 * 48)
        $events[-1].Usage.TotalTokens | Should -BeGreaterThan 0
        $session.Usage.TotalTokens | Should -Be $events[-1].Usage.TotalTokens
        @($events | ForEach-Object { $_.Sequence }) | Should -Be (1..$events.Count)
        $events[0].PSObject.TypeNames[0] | Should -Be 'TokenLab.PowerShell.Output.TokenLabRealtimeEvent'
        $events[-1].Json | Should -BeLike '*"type":"response.done"*'
    }

    It 'filters with -Type wildcards and stops at -Until (any case), leaving later events buffered' {
        $session = Start-Session
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $created = @(Receive-TokenLabRealtimeEvent -Session $session -Until Response.Created -TimeoutSec $Bound)
        @($created | ForEach-Object { $_.Type }) | Should -Be @('session.created', 'response.created')

        $transcripts = @(Receive-TokenLabRealtimeEvent -Session $session -Type '*transcript*' -Until response.done -TimeoutSec $Bound)
        @($transcripts | Where-Object { $_.Type -notlike '*transcript*' }).Count | Should -Be 0
        $transcripts[-1].Type | Should -Be 'response.output_audio_transcript.done'
        $transcripts[-1].Transcript | Should -Be 'Hello from the TokenLab emulator.'
    }

    It 'understands beta names: -Type with the GA name finds beta events' {
        $session = Start-Session -Model 'qwen-tts-realtime'
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $audio = @(Receive-TokenLabRealtimeEvent -Session $session -Type response.output_audio.delta, response.output_audio_transcript.done -Until response.done -TimeoutSec $Bound)
        @($audio | Where-Object { $_.Type -eq 'response.audio.delta' }).Count | Should -BeGreaterThan 0
        @($audio | Where-Object { $_.GaType -eq 'response.output_audio.delta' }).Count | Should -Be @($audio | Where-Object { $_.AudioBytes }).Count
        $audio[-1].Type | Should -Be 'response.audio_transcript.done'
        $audio[-1].Transcript | Should -Be 'Hello from the TokenLab emulator.'
    }

    It 'writes JSON text with -Raw, and only what has arrived with -TimeoutSec 0' {
        $session = Start-Session
        $null = Receive-TokenLabRealtimeEvent -Session $session -Until session.created -TimeoutSec $Bound
        Receive-TokenLabRealtimeEvent -Session $session -TimeoutSec 0 | Should -BeNullOrEmpty
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'input_audio_buffer.clear' }
        $raw = @(Receive-TokenLabRealtimeEvent -Session $session -Raw -Until input_audio_buffer.cleared -TimeoutSec $Bound)
        $raw[0] | Should -BeOfType [string]
        ($raw[0] | ConvertFrom-Json).type | Should -Be 'input_audio_buffer.cleared'
    }

    It 'ends at -TimeoutSec when nothing arrives, with the session still open' {
        $session = Start-Session
        $null = Receive-TokenLabRealtimeEvent -Session $session -Until session.created -TimeoutSec $Bound
        Receive-TokenLabRealtimeEvent -Session $session -TimeoutSec 1 | Should -BeNullOrEmpty
        $session.State | Should -Be 'Open'
    }

    It 'writes TokenLab.RealtimeWaitTimedOut when the -Until event never came, after the events that did' {
        $session = Start-Session
        $null = Receive-TokenLabRealtimeEvent -Session $session -Until session.created -TimeoutSec $Bound
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'input_audio_buffer.clear' }
        $errors = $null
        $all = @(Receive-TokenLabRealtimeEvent -Session $session -Until response.done -TimeoutSec 1 -ErrorVariable errors 2>&1)
        $afterError = 'went on'

        $all.Count | Should -Be 2
        $all[0].Type | Should -Be 'input_audio_buffer.cleared'
        $all[1] | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeWaitTimedOut,*'
        $errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errors[0].Exception.Message | Should -Match 'response\.done'
        $afterError | Should -Be 'went on' -Because 'the error is non-terminating'
        $session.State | Should -Be 'Open'
        # Without -Until, the time running out is how the call ends: no error.
        Receive-TokenLabRealtimeEvent -Session $session -TimeoutSec 0 -ErrorAction Stop | Should -BeNullOrEmpty
    }

    It 'sends a 24 kHz mono PCM16 WAV in bounded append events, from Get-ChildItem too' {
        $wav = New-TestWav -Path (Join-Path $TestDrive 'hello.wav') -Seconds 1.2 -SampleRate 24000
        $session = Start-Session
        Get-ChildItem -LiteralPath $wav.FullName | Send-TokenLabRealtimeAudio -Session $session -Commit
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $events = @(Receive-TokenLabRealtimeEvent -Session $session -Until response.done -TimeoutSec $Bound)

        @($events | Where-Object { $_.Type -eq 'input_audio_buffer.committed' }).Count | Should -Be 1
        Get-Transcript $events | Should -Be 'I heard 1.2 seconds of audio.'
        @((Get-EmulatorRealtimeSession)[0].clientEvents) | Should -Be @('input_audio_buffer.append', 'input_audio_buffer.append', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'response.create')
    }

    It 'sends raw PCM bytes, and WAV bytes' {
        $session = Start-Session
        Send-TokenLabRealtimeAudio -Session $session -AudioBytes (New-Object byte[] 48000)
        $wav = New-TestWav -Path (Join-Path $TestDrive 'half.wav') -Seconds 0.5 -SampleRate 24000
        Send-TokenLabRealtimeAudio -Session $session -AudioBytes ([System.IO.File]::ReadAllBytes($wav.FullName)) -Commit
        $committed = @(Receive-TokenLabRealtimeEvent -Session $session -Type input_audio_buffer.committed -Until input_audio_buffer.committed -TimeoutSec $Bound)
        $committed.Count | Should -Be 1
        @((Get-EmulatorRealtimeSession)[0].clientEvents) | Should -Be @('input_audio_buffer.append', 'input_audio_buffer.append', 'input_audio_buffer.append', 'input_audio_buffer.commit')
    }

    It 'refuses a recording of another kind before sending anything, naming what it is and what is accepted' {
        $session = Start-Session
        $flac = Join-Path $TestDrive 'song.flac'
        [System.IO.File]::WriteAllBytes($flac, [byte[]](0x66, 0x4C, 0x61, 0x43, 0, 0, 0, 0x22))
        $notMp3 = Join-Path $TestDrive 'song.mp3'
        [System.IO.File]::WriteAllBytes($notMp3, [byte[]](0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0))
        $errors = $null
        Send-TokenLabRealtimeAudio -Session $session -Path $flac, $notMp3 -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors).Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.AudioFormatNotSupported,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Message | Should -Be ('song.flac is FLAC audio; realtime sessions take ' + [TokenLab.Client.Realtime.RealtimeInputAudio]::AcceptedFormats + '.')
        $errors[1].Exception.Message | Should -BeLike 'song.mp3 is not audio of a kind these commands read; realtime sessions take WAV*MP3, Ogg Vorbis*'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*ffmpeg*-ar 24000 -ac 1*'
        $session.EventsSent | Should -Be 0
    }

    It 'converts WAV of any rate and channels, MP3, Ogg Vorbis and raw PCM to 24 kHz mono as it sends them' {
        $recordings = Join-Path (Get-TestRepoRoot) 'tests/TokenLab.Client.Tests/Audio/Recordings'
        $stereo = New-TestWav -Path (Join-Path $TestDrive 'meeting.wav') -Seconds 1.5 -SampleRate 44100 -Channels 2
        $voicemail = New-TestWav -Path (Join-Path $TestDrive 'voicemail.wav') -Seconds 2.5 -SampleRate 16000
        $raw = Join-Path $TestDrive 'voicemail.pcm'
        $voicemailBytes = [System.IO.File]::ReadAllBytes($voicemail.FullName)
        [System.IO.File]::WriteAllBytes($raw, $voicemailBytes[44..($voicemailBytes.Length - 1)])
        $inputs = @($stereo.FullName, $voicemail.FullName, (Join-Path $recordings 'tone-1000hz-44k1-stereo.mp3'), (Join-Path $recordings 'tone-700hz-22k05-mono.ogg'))

        $turns = @(Get-Item -LiteralPath $inputs | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -OutputModality Text)
        $rawTurn = Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -OutputModality Text -InputFile $raw -SampleRate 16000

        # The emulator reports the length of the 24 kHz mono 16-bit audio it was sent.
        @($turns | ForEach-Object { $_.Text }) | Should -Be @('I heard 1.5 seconds of audio.', 'I heard 2.5 seconds of audio.', 'I heard 2.0 seconds of audio.', 'I heard 2.0 seconds of audio.')
        $rawTurn.Text | Should -Be 'I heard 2.5 seconds of audio.'
    }

    It 'sends a stream as it reads it: raw PCM of the given rate and channels, or a recording it recognises' {
        $session = Start-Session
        $stereo = New-TestWav -Path (Join-Path $TestDrive 'stereo16k.wav') -Seconds 1 -SampleRate 16000 -Channels 2
        $bytes = [System.IO.File]::ReadAllBytes($stereo.FullName)
        $pcm = New-Object System.IO.MemoryStream (, [byte[]]$bytes[44..($bytes.Length - 1)])
        Send-TokenLabRealtimeAudio -Session $session -InputStream $pcm -SampleRate 16000 -Channels 2 -Verbose 4>&1 |
            ForEach-Object { $_.Message } | Should -Contain 'Sending raw PCM, 16 kHz, stereo, 16-bit as 24 kHz, mono, 16-bit PCM'
        $pcm.CanRead | Should -BeTrue
        $ogg = [System.IO.File]::OpenRead((Join-Path (Get-TestRepoRoot) 'tests/TokenLab.Client.Tests/Audio/Recordings/tone-700hz-22k05-mono.ogg'))
        try { Send-TokenLabRealtimeAudio -Session $session -InputStream $ogg -Commit } finally { $ogg.Dispose() }
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $events = @(Receive-TokenLabRealtimeEvent -Session $session -Until response.done -TimeoutSec $Bound)
        Get-Transcript $events | Should -Be 'I heard 3.0 seconds of audio.'
    }

    It 'shows each event type in -Verbose, never the audio' {
        $session = Start-Session
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' } -Verbose 4>&1 | Out-Null
        $verbose = @(Receive-TokenLabRealtimeEvent -Session $session -Until response.done -TimeoutSec $Bound -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        @($verbose | Where-Object { $_ -like 'Received response.done (#*)' }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like 'Received response.output_audio.delta*' }).Count | Should -BeGreaterThan 0
        @($verbose | Where-Object { $_.Length -gt 120 }).Count | Should -Be 0
    }
}

Describe 'Server error events' {
    BeforeEach { Reset-TestState }

    It 'become non-terminating errors with the code, message and client event ID; the session stays open' {
        $session = Start-Session
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.dance'; event_id = 'evt_dance' }
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'input_audio_buffer.clear' }
        $errors = $null
        $events = @(Receive-TokenLabRealtimeEvent -Session $session -Until input_audio_buffer.cleared -TimeoutSec $Bound -ErrorVariable errors -ErrorAction SilentlyContinue)

        $events[-1].Type | Should -Be 'input_audio_buffer.cleared'
        @($events | Where-Object { $_.Type -eq 'error' }).Count | Should -Be 0
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeError,*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].Exception.Code | Should -Be 'invalid_value'
        $errors[0].Exception.ClientEventId | Should -Be 'evt_dance'
        $errors[0].Exception.Param | Should -Be 'type'
        $errors[0].Exception.ServerMessage | Should -BeLike "Invalid value: 'response.dance'*"
        $errors[0].Exception.SessionId | Should -Be $session.SessionId
        $session.State | Should -Be 'Open'
    }
}

Describe 'Two sessions at once' {
    BeforeEach { Reset-TestState }

    It 'keeps sessions apart and lists them with Get-TokenLabRealtime' {
        $first = Start-Session
        $second = Start-Session -Model 'gpt-realtime-mini'
        Send-Text -Session $first -Text 'one'
        Send-Text -Session $second -Text 'two'
        $first, $second | ForEach-Object { Send-TokenLabRealtimeEvent -Session $_ -Event @{ type = 'response.create' } }

        Get-Transcript @(Receive-TokenLabRealtimeEvent -Session $second -Until response.done -TimeoutSec $Bound) | Should -Be 'You said: two'
        Get-Transcript @(Receive-TokenLabRealtimeEvent -Session $first -Until response.done -TimeoutSec $Bound) | Should -Be 'You said: one'
        @(Get-TokenLabRealtime | ForEach-Object { $_.SessionId }) | Should -Be @($first.SessionId, $second.SessionId)
        (Get-TokenLabRealtime -SessionId $second.SessionId).Model | Should -Be 'gpt-realtime-mini'
        @(Get-TokenLabRealtime -SessionId 'sess_*').Count | Should -Be 2
        @(Get-EmulatorRealtimeSession | Where-Object { $_.end -eq 'open' }).Count | Should -Be 2
    }

    It 'takes a session ID for -Session, and reports an unknown one' {
        $session = Start-Session
        Send-TokenLabRealtimeEvent -Session $session.SessionId -Event @{ type = 'input_audio_buffer.clear' }
        @(Receive-TokenLabRealtimeEvent -Session $session.SessionId -Type input_audio_buffer.cleared -Until input_audio_buffer.cleared -TimeoutSec $Bound).Count | Should -Be 1
        { Send-TokenLabRealtimeEvent -Session 'sess_unknown' -Event @{ type = 'x' } } | Should -Throw '*sess_unknown*'
        $errors = $null
        Get-TokenLabRealtime -SessionId 'sess_unknown' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeSessionNotFound,*'
    }
}

Describe 'Stop-TokenLabRealtime' {
    BeforeEach { Reset-TestState }

    It 'closes with 1000, returns the final session and forgets it' {
        $session = Start-Session
        $stopped = $session | Stop-TokenLabRealtime
        $stopped.SessionId | Should -Be $session.SessionId
        $stopped.State | Should -Be 'Closed'
        $stopped.CloseStatus | Should -Be 1000
        $stopped.CloseReason | Should -Be 'ClosedByClient'
        @(Get-TokenLabRealtime).Count | Should -Be 0
        $record = Wait-EmulatorRealtimeEnd -SessionId $session.SessionId
        $record.end | Should -Be 'closed-by-client'
        $record.closeStatus | Should -Be 1000
        $record.closeDescription | Should -Be 'Client stopped'
    }

    It 'stops every session from the pipeline, and -WhatIf stops none' {
        $null = Start-Session
        $null = Start-Session
        Get-TokenLabRealtime | Stop-TokenLabRealtime -WhatIf
        @(Get-TokenLabRealtime | Where-Object { $_.State -eq 'Open' }).Count | Should -Be 2
        @(Get-TokenLabRealtime | Stop-TokenLabRealtime | ForEach-Object { $_.State }) | Should -Be @('Closed', 'Closed')
    }
}

Describe 'Server-initiated and abrupt close, and no reconnect' {
    BeforeEach { Reset-TestState }

    It 'returns what was buffered, then ends with the close status and description' {
        Add-EmulatorFault -Match '/v1/realtime' -Kind close -CloseStatus 4000 -CloseDescription 'beta_api_shape_disabled' -AfterEvent 'response.done'
        $session = Start-Session
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $warnings = $null
        $events = @(Receive-TokenLabRealtimeEvent -Session $session -TimeoutSec $Bound -WarningVariable warnings -WarningAction SilentlyContinue)

        $events[-1].Type | Should -Be 'response.done'
        $events.Count | Should -Be $session.EventsReceived
        $session.State | Should -Be 'Closed'
        $session.CloseReason | Should -Be 'ClosedByServer'
        $session.CloseStatus | Should -Be 4000
        $session.CloseDescription | Should -Be 'beta_api_shape_disabled'
        $warnings[0] | Should -BeLike '*4000 (beta_api_shape_disabled)*new session*'
        (Get-TokenLabRealtime).State | Should -Be 'Closed'
    }

    It 'reports a connection dropped without a close frame as lost' {
        Add-EmulatorFault -Match '/v1/realtime' -Kind disconnect -AfterEvent 'response.output_audio.delta'
        $session = Start-Session
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $errors = $null
        $null = Receive-TokenLabRealtimeEvent -Session $session -TimeoutSec $Bound -ErrorVariable errors -ErrorAction SilentlyContinue

        $session.State | Should -Be 'Closed'
        $session.CloseReason | Should -Be 'ConnectionLost'
        $session.CloseStatus | Should -Be 1006
        $errors[-1].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeConnectionLost,*'
        $errors[-1].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'never reconnects: sending to a closed session is an error and opens nothing' {
        Add-EmulatorFault -Match '/v1/realtime' -Kind close -CloseStatus 1001 -CloseDescription 'going away'
        $session = Start-Session
        $null = Receive-TokenLabRealtimeEvent -Session $session -TimeoutSec $Bound -WarningAction SilentlyContinue
        $errors = $null
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' } -ErrorVariable errors -ErrorAction SilentlyContinue
        Send-TokenLabRealtimeAudio -Session $session -AudioBytes (New-Object byte[] 4800) -ErrorVariable +errors -ErrorAction SilentlyContinue

        @($errors).Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeSessionClosed,*'
        $errors[0].Exception.CloseStatus | Should -Be 1001
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Start-TokenLabRealtime*never reconnects*'
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 1
        @(Get-EmulatorRealtimeSession).Count | Should -Be 1
    }
}

Describe 'Ctrl+C during Receive-TokenLabRealtimeEvent' {
    BeforeEach { Reset-TestState }

    It 'stops the command and leaves the session open' {
        $session = Start-Session
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Module, $Session) Import-Module $Module; Receive-TokenLabRealtimeEvent -Session $Session | ForEach-Object { $_.Type }').
                AddArgument($Test.ModulePath).AddArgument($session)
            $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $running = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            # The command has written the whole response (rate_limits.updated follows response.done, as from the
            # service) and waits for more (it has no -Until or -TimeoutSec).
            # The output collection stays open while the command runs, so it is read by index, never enumerated.
            for ($i = 0; $i -lt 300 -and -not ($output.Count -gt 0 -and [string]$output[$output.Count - 1] -eq 'rate_limits.updated'); $i++) { Start-Sleep -Milliseconds 50 }
            [string]$output[$output.Count - 1] | Should -Be 'rate_limits.updated'
            $running.IsCompleted | Should -BeFalse

            $stop = $shell.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10)) | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $shell.Dispose() }

        $session.State | Should -Be 'Open'
        @(Get-EmulatorRealtimeSession)[0].end | Should -Be 'open'
        Send-Text -Session $session -Text 'still here'
        Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'response.create' }
        Get-Transcript @(Receive-TokenLabRealtimeEvent -Session $session -Until response.done -TimeoutSec $Bound) | Should -Be 'You said: still here'
    }
}

Describe 'The proxy applies to the WebSocket' {
    BeforeEach { Reset-TestState }

    It 'tunnels the session through -Proxy (the emulator acting as the proxy)' {
        $session = Start-Session -Parameters @{ Proxy = $BaseUri }
        $session.State | Should -Be 'Open'
        $connect = @(Get-EmulatorRequest | Where-Object { $_.method -eq 'CONNECT' })
        $connect.Count | Should -Be 1
        $connect[0].path | Should -Be ([uri]$BaseUri).Authority
        $connect[0].statusCode | Should -Be 200
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 1
    }

    It 'uses the proxy set by Connect-TokenLab' {
        Connect-TokenLab -BaseUri $BaseUri -ApiKey $Key -Proxy $BaseUri
        $session = Start-TokenLabRealtime -Model gpt-realtime
        $session.State | Should -Be 'Open'
        @(Get-EmulatorRequest | Where-Object { $_.method -eq 'CONNECT' }).Count | Should -Be 1
    }

    It 'reports a proxy that refuses connections as ConnectionFailed' {
        $port = Get-ClosedLoopbackPort
        $errors = $null
        Start-Session -Parameters @{ Proxy = "http://127.0.0.1:$port/"; SkipModelCheck = $true } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ConnectionFailed,*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

Describe 'One-shot turns' {
    BeforeEach { Reset-TestState }

    It 'carries an EstimatedCost from the catalog''s token prices and the usage of its response' {
        $turn = Start-Session -Parameters @{ Text = 'What time is it?' }
        $expected = [math]::Round(([decimal]$turn.Usage.InputTokens * 32 + [decimal]$turn.Usage.OutputTokens * 64) / 1000000, 6)
        $turn.EstimatedCost.Amount | Should -Be $expected
        $turn.EstimatedCost.Amount | Should -BeGreaterThan 0
        $turn.EstimatedCost.Currency | Should -Be 'USD'
    }

    It 'writes a valid 24 kHz WAV and returns the transcript' {
        $reply = Join-Path $TestDrive 'reply.wav'
        $turn = Start-Session -Parameters @{ Text = 'What time is it?'; OutFile = $reply }

        $turn.Transcript | Should -Be 'You said: What time is it?'
        $turn.Text | Should -BeNullOrEmpty
        $turn.AudioPath | Should -Be $reply
        $turn.ResponseId | Should -Match '^resp_'
        $turn.SessionId | Should -Match '^sess_'
        $turn.Usage.TotalTokens | Should -BeGreaterThan 0
        $turn.Elapsed | Should -BeOfType [TimeSpan]
        $header = Read-TestWav $reply
        $header.Riff | Should -Be 'RIFF'
        $header.Format | Should -Be 1
        $header.Channels | Should -Be 1
        $header.SampleRate | Should -Be 24000
        $header.BitsPerSample | Should -Be 16
        $header.DataSize | Should -Be ('You said: What time is it?'.Length * 50 * 48)
        $header.Length | Should -Be ($header.DataSize + 44)
        $header.RiffSize | Should -Be ($header.Length - 8)
        $turn.Duration | Should -Be ([TimeSpan]::FromMilliseconds('You said: What time is it?'.Length * 50))
        @(Get-ChildItem -LiteralPath $TestDrive -Force -Filter '*.partial').Count | Should -Be 0

        $record = Wait-EmulatorRealtimeEnd -SessionId $turn.SessionId
        $record.end | Should -Be 'closed-by-client'
        $record.closeStatus | Should -Be 1000
        @($record.clientEvents) | Should -Be @('session.update', 'conversation.item.create', 'response.create')
    }

    It 'runs each piped input in a session of its own by default: the token counts show no input sees another' {
        $turns = @('aaaa', 'bbbb', 'cccc' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -OutputModality Text -Ordered)
        @($turns | ForEach-Object { $_.Text }) | Should -Be @('You said: aaaa', 'You said: bbbb', 'You said: cccc')
        @($turns | ForEach-Object { $_.SessionId } | Select-Object -Unique).Count | Should -Be 3
        @($turns | ForEach-Object { $_.Usage.InputTokens } | Select-Object -Unique).Count | Should -Be 1
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 3
        foreach ($turn in $turns) {
            $record = Wait-EmulatorRealtimeEnd -SessionId $turn.SessionId
            $record.end | Should -Be 'closed-by-client'
            @($record.clientEvents | Where-Object { $_ -eq 'response.create' }).Count | Should -Be 1
        }
    }

    It 'keeps one session with -Conversation: each turn sees the ones before it' {
        $turns = @('aaaa', 'bbbb', 'cccc' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -OutputModality Text -Conversation -OutFile { Join-Path $TestDrive "reply-$_.wav" })
        @($turns | ForEach-Object { $_.Text }) | Should -Be @('You said: aaaa', 'You said: bbbb', 'You said: cccc')
        @($turns | ForEach-Object { $_.SessionId } | Select-Object -Unique).Count | Should -Be 1
        $turns[1].Usage.InputTokens | Should -BeGreaterThan $turns[0].Usage.InputTokens
        $turns[2].Usage.InputTokens | Should -BeGreaterThan $turns[1].Usage.InputTokens
        $record = Wait-EmulatorRealtimeEnd -SessionId $turns[0].SessionId
        @($record.clientEvents | Where-Object { $_ -eq 'response.create' }).Count | Should -Be 3
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 1
    }

    It 'writes the replies of parallel sessions in input order with -Ordered, each to its own -OutFile' {
        $inputs = 1..6 | ForEach-Object { "question $_" }
        $turns = @($inputs | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -ThrottleLimit 2 -Ordered -OutFile { Join-Path $TestDrive ($_.Replace(' ', '-') + '.wav') })
        @($turns | ForEach-Object { $_.Input }) | Should -Be $inputs
        @($turns | ForEach-Object { Split-Path -Leaf $_.AudioPath }) | Should -Be @($inputs | ForEach-Object { $_.Replace(' ', '-') + '.wav' })
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 6
        @(Get-ChildItem -LiteralPath $TestDrive -Force -Filter '*.partial').Count | Should -Be 0
    }

    It 'closes its session when the pipeline ends early (Select-Object -First)' {
        $first = @('one', 'two', 'three' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key | Select-Object -First 1)
        $first[0].Transcript | Should -Be 'You said: one'
        $record = Wait-EmulatorRealtimeEnd -SessionId $first[0].SessionId
        $record.end | Should -Not -Be 'open'
        @($record.clientEvents | Where-Object { $_ -eq 'response.create' }).Count | Should -Be 1
    }

    It 'takes a piped file whose name holds [ ] as the file it names' {
        $wav = New-TestWav -Path (Join-Path $TestDrive 'question[2].wav') -Seconds 1 -SampleRate 24000
        $turn = Get-Item -LiteralPath $wav.FullName | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -OutputModality Text
        $turn.Input | Should -Be $wav.FullName
        $turn.Text | Should -Be 'I heard 1.0 seconds of audio.'
    }

    It 'takes audio files, and text output without a file' {
        $wav = New-TestWav -Path (Join-Path $TestDrive 'question.wav') -Seconds 2 -SampleRate 24000
        $turn = $wav | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -OutputModality Text
        $turn.Input | Should -Be $wav.FullName
        $turn.Text | Should -Be 'I heard 2.0 seconds of audio.'
        $turn.Transcript | Should -BeNullOrEmpty
        $turn.AudioPath | Should -BeNullOrEmpty
        $turn.Duration | Should -Be ([TimeSpan]::Zero)
    }

    It 'never overwrites without -Force, and sends nothing then' {
        $reply = Join-Path $TestDrive 'kept.wav'
        Set-Content -LiteralPath $reply -Value 'precious'
        $errors = $null
        Start-Session -Parameters @{ Text = 'hi'; OutFile = $reply } -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.FileExists,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-Content -LiteralPath $reply) | Should -Be 'precious'
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 0

        $turn = Start-Session -Parameters @{ Text = 'hi'; OutFile = $reply; Force = $true }
        (Read-TestWav $turn.AudioPath).Riff | Should -Be 'RIFF'
    }

    It 'refuses one -OutFile for several turns' {
        $errors = $null
        $turns = @('a', 'b' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -OutFile (Join-Path $TestDrive 'same.wav') -ErrorVariable errors -ErrorAction SilentlyContinue)
        $turns.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.OutFileReused,*'
    }

    It 'keeps secrets out: text that holds a key is refused unless -AllowSensitiveText' {
        $secret = 'my key is sk-abcdefghijklmnopqrstuvwxyz123456'
        $errors = $null
        Start-Session -Parameters @{ Text = $secret } -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.SensitiveText,*'
        $errors[0].TargetObject | Should -Be 'my key is <TokenLabApiKey removed>'
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 0
        (Start-Session -Parameters @{ Text = $secret; AllowSensitiveText = $true }).Transcript | Should -BeLike 'You said: my key is sk-*'
        { Send-TokenLabRealtimeEvent -Session (Start-Session) -Event @{ type = 'conversation.item.create'; text = $secret } -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.SensitiveText,*'
        # Only a real audio append is let through unscanned, not an event that merely mentions one.
        { Send-TokenLabRealtimeEvent -Session (Start-Session) -Event @{ type = 'response.create'; response = @{ metadata = @{ note = 'input_audio_buffer.append'; text = $secret } } } -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.SensitiveText,*'
    }

    It 'reports an empty text and a missing file, and goes on with the other inputs' {
        $errors = $null
        $turns = @('', 'fine' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -ErrorVariable errors -ErrorAction SilentlyContinue)
        $turns.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.TextEmpty,*'
        $errors = $null
        Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -InputFile (Join-Path $TestDrive 'nothing.wav') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.AudioFileNotFound,*'
    }

    It 'ends the command when the server closes the -Conversation session during a turn, without reconnecting' {
        Add-EmulatorFault -Match '/v1/realtime' -Kind close -CloseStatus 1011 -CloseDescription 'upstream closed' -AfterEvent 'response.created'
        { 'one', 'two' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -Conversation -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.RealtimeSessionClosed,*'
        @(Get-EmulatorRequest -Path '/v1/realtime').Count | Should -Be 1
    }

    It 'reports a session the server closes during a turn as that input''s error, and the other inputs go on' {
        Add-EmulatorFault -Match '/v1/realtime' -Kind close -CloseStatus 1011 -CloseDescription 'upstream closed' -AfterEvent 'response.created' -Count 1
        $errors = $null
        $turns = @('one', 'two' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $Key -ThrottleLimit 1 -ErrorVariable errors -ErrorAction SilentlyContinue)
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.RealtimeSessionClosed,*'
        $errors[0].TargetObject | Should -Be 'one'
        @($turns | ForEach-Object { $_.Transcript }) | Should -Be @('You said: two')
    }
}
