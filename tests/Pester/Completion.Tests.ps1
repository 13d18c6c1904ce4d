# Tab completion, through TabExpansion2 as a user's Tab press runs it: model IDs, providers, tags and
# voices from the catalog of the service the command line points at, the fixed lists (scenes, categories,
# languages, realtime event types, the ValidateSet parameters), the realtime sessions of this PowerShell
# session, and a tab press that never hangs or fails when the service is unreachable.
# Windows PowerShell 5.1 must be able to parse this file.
BeforeDiscovery {
    # Completion of a value at the end of Line ('<BaseUri>' stands for the emulator): Offers must all be
    # offered, Omits none; with Exactly, Offers is the whole list (in any order). Every value offered must
    # start with what was typed, case aside. Catalog cases: the first value of Offers is one the catalog
    # alone gives, so a press made before the catalog arrived is told apart and repeated.
    $script:CatalogCases = @(
        @{ Name = 'New-TokenLabSpeech -Model: the speech models'; Line = 'New-TokenLabSpeech -BaseUri <BaseUri> -Model '; Offers = @('gpt-4o-mini-tts', 'tts-1', 'gemini-2.5-flash-tts'); Omits = @('whisper-1', 'gpt-realtime') }
        @{ Name = 'New-TokenLabSpeech -Model gpt: narrowed'; Line = 'New-TokenLabSpeech -BaseUri <BaseUri> -Model gpt'; Offers = @('gpt-4o-mini-tts'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -Model: the transcription models'; Line = 'ConvertFrom-TokenLabAudio -BaseUri <BaseUri> -Model '; Offers = @('whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'); Omits = @('tts-1', 'gpt-realtime') }
        @{ Name = 'Start-TokenLabRealtime -InputTranscriptionModel: the transcription models'; Line = 'Start-TokenLabRealtime -BaseUri <BaseUri> -InputTranscriptionModel GPT-4O'; Offers = @('gpt-4o-transcribe', 'gpt-4o-mini-transcribe'); Exactly = $true }
        @{ Name = 'Start-TokenLabRealtime -Model: the realtime models only'; Line = 'Start-TokenLabRealtime -BaseUri <BaseUri> -Model '; Offers = @('gpt-realtime', 'gpt-realtime-mini', 'qwen-tts-realtime'); Exactly = $true }
        @{ Name = 'Start-TokenLabRealtime by position: narrowed'; Line = 'Start-TokenLabRealtime -BaseUri <BaseUri> gpt-realtime-'; Offers = @('gpt-realtime-mini'); Exactly = $true }
        @{ Name = 'Get-TokenLabModel -Provider: the providers'; Line = 'Get-TokenLabModel -BaseUri <BaseUri> -Provider '; Offers = @('openai', 'google', 'minimax', 'alibaba'); Exactly = $true }
        @{ Name = 'Get-TokenLabModel -Provider G: narrowed'; Line = 'Get-TokenLabModel -BaseUri <BaseUri> -Provider G'; Offers = @('google'); Exactly = $true }
        @{ Name = 'Get-TokenLabModel -Tag: capabilities and categories'; Line = 'Get-TokenLabModel -BaseUri <BaseUri> -Tag '; Offers = @('realtime', 'audio-input', 'text-to-video', 'tts', 'video'); Omits = @('openai') }
        @{ Name = 'Get-TokenLabModel -Tag AUDIO-: narrowed'; Line = 'Get-TokenLabModel -BaseUri <BaseUri> -Tag AUDIO-'; Offers = @('audio-input', 'audio-output'); Exactly = $true }
        @{ Name = 'New-TokenLabSpeech -Voice: the voices of the -Model'; Line = 'New-TokenLabSpeech -BaseUri <BaseUri> -Model gemini-2.5-flash-tts -Voice '; Offers = @('Puck', 'Kore', 'Aoede'); Omits = @('alloy', 'marin') }
        @{ Name = 'New-TokenLabSpeech -Voice p: narrowed'; Line = 'New-TokenLabSpeech -BaseUri <BaseUri> -Model gemini-2.5-flash-tts -Voice p'; Offers = @('Puck'); Exactly = $true }
        @{ Name = 'New-TokenLabSpeech -Voice of another provider'; Line = 'New-TokenLabSpeech -BaseUri <BaseUri> -Model speech-02-hd -Voice female'; Offers = @('female-shaonv'); Exactly = $true }
    )

    $script:FixedCases = @(
        @{ Name = 'Get-TokenLabModel -RecommendedFor: the scenes'; Line = 'Get-TokenLabModel -RecommendedFor '; Offers = @('tts', 'stt', 'translation', 'image', 'video', 'music', '3d', 'embedding', 'rerank'); Exactly = $true }
        @{ Name = 'Get-TokenLabModel -RecommendedFor s: narrowed'; Line = 'Get-TokenLabModel -RecommendedFor s'; Offers = @('stt'); Exactly = $true }
        @{ Name = 'Get-TokenLabModel -Category: the categories'; Line = 'Get-TokenLabModel -Category '; Offers = @('chat', 'embedding', 'translation', 'image', 'video', 'audio', 'tts', 'stt', 'rerank', '3d', 'music'); Exactly = $true }
        @{ Name = 'Get-TokenLabModel -Category T: narrowed'; Line = 'Get-TokenLabModel -Category T'; Offers = @('tts', 'translation'); Exactly = $true }
        @{ Name = 'Connect-TokenLab -DeliveryPolicy'; Line = 'Connect-TokenLab -DeliveryPolicy '; Offers = @('auto', 'verified', 'official'); Exactly = $true }
        @{ Name = 'New-TokenLabSpeech -DeliveryPolicy V'; Line = 'New-TokenLabSpeech -DeliveryPolicy V'; Offers = @('verified'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -DeliveryPolicy o'; Line = 'ConvertFrom-TokenLabAudio -DeliveryPolicy o'; Offers = @('official'); Exactly = $true }
        @{ Name = 'New-TokenLabSpeech -Format'; Line = 'New-TokenLabSpeech -Format '; Offers = @('mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'); Exactly = $true }
        @{ Name = 'New-TokenLabSpeech -Format W: narrowed'; Line = 'New-TokenLabSpeech -Format W'; Offers = @('wav'); Exactly = $true }
        @{ Name = 'New-TokenLabSpeech -Voice s without -Model: the documented voices'; Line = 'New-TokenLabSpeech -Voice s'; Offers = @('sage', 'shimmer'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -ResponseFormat'; Line = 'ConvertFrom-TokenLabAudio -ResponseFormat '; Offers = @('json', 'text', 'srt', 'vtt', 'verbose_json'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -ResponseFormat v: narrowed'; Line = 'ConvertFrom-TokenLabAudio -ResponseFormat v'; Offers = @('vtt', 'verbose_json'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -As'; Line = 'ConvertFrom-TokenLabAudio -As '; Offers = @('Text', 'Srt', 'Vtt', 'Json'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -As s: narrowed'; Line = 'ConvertFrom-TokenLabAudio -As s'; Offers = @('Srt'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -TimestampGranularity'; Line = 'ConvertFrom-TokenLabAudio -TimestampGranularity '; Offers = @('word', 'segment'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -TimestampGranularity, second value'; Line = 'ConvertFrom-TokenLabAudio -TimestampGranularity word,s'; Offers = @('segment'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -Language: the codes'; Line = 'ConvertFrom-TokenLabAudio -Language '; Offers = @('en', 'de', 'fr', 'ja', 'zh'); Omits = @('german') }
        @{ Name = 'ConvertFrom-TokenLabAudio -Language fr'; Line = 'ConvertFrom-TokenLabAudio -Language fr'; Offers = @('fr'); Exactly = $true }
        @{ Name = 'ConvertFrom-TokenLabAudio -Language Z: narrowed'; Line = 'ConvertFrom-TokenLabAudio -Language Z'; Offers = @('zh'); Exactly = $true }
        @{ Name = 'Start-TokenLabRealtime -Voice m without -Model: the documented voices'; Line = 'Start-TokenLabRealtime -Voice m'; Offers = @('marin'); Exactly = $true }
        @{ Name = 'Start-TokenLabRealtime -OutputModality'; Line = 'Start-TokenLabRealtime -OutputModality '; Offers = @('Audio', 'Text'); Exactly = $true }
        @{ Name = 'Start-TokenLabRealtime -TurnDetection'; Line = 'Start-TokenLabRealtime -TurnDetection '; Offers = @('None', 'ServerVad', 'SemanticVad'); Exactly = $true }
        @{ Name = 'Start-TokenLabRealtime -TurnDetection semantic: narrowed'; Line = 'Start-TokenLabRealtime -TurnDetection semantic'; Offers = @('SemanticVad'); Exactly = $true }
        @{ Name = 'Receive-TokenLabRealtimeEvent -Until: GA and beta names'; Line = 'Receive-TokenLabRealtimeEvent -Until '; Offers = @('error', 'session.created', 'session.updated', 'response.done', 'response.output_audio.delta', 'response.audio.delta', 'conversation.item.created') }
        @{ Name = 'Receive-TokenLabRealtimeEvent -Until response.d'; Line = 'Receive-TokenLabRealtimeEvent -Until response.d'; Offers = @('response.done'); Exactly = $true }
        @{ Name = 'Receive-TokenLabRealtimeEvent -Type response.output_audio'; Line = 'Receive-TokenLabRealtimeEvent -Type response.output_audio'; Offers = @('response.output_audio.delta', 'response.output_audio.done', 'response.output_audio_transcript.delta', 'response.output_audio_transcript.done'); Exactly = $true }
        @{ Name = 'Receive-TokenLabRealtimeEvent -Type RESPONSE.AUDIO: beta names'; Line = 'Receive-TokenLabRealtimeEvent -Type RESPONSE.AUDIO'; Offers = @('response.audio.delta', 'response.audio.done', 'response.audio_transcript.delta', 'response.audio_transcript.done'); Exactly = $true }
        @{ Name = 'Receive-TokenLabRealtimeEvent -Type, second value'; Line = 'Receive-TokenLabRealtimeEvent -Type error,input_audio_buffer.speech_s'; Offers = @('input_audio_buffer.speech_started', 'input_audio_buffer.speech_stopped'); Exactly = $true }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri

    function Get-Completion {
        param([string] $Line)
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        @($result.CompletionMatches | ForEach-Object { $_.CompletionText })
    }

    # The first tab press may come back before the catalog does (it waits a short, fixed time); the
    # next one gets the cached list. Presses up to three times, as a user would, until $Expect (or,
    # without it, anything) is offered.
    function Get-CompletionEventually {
        param([string] $Line, [string] $Expect)
        for ($attempt = 0; $attempt -lt 3; $attempt++) {
            $completions = Get-Completion $Line
            $arrived = if ($Expect) { $completions -contains $Expect } else { $completions.Count -gt 0 }
            if ($arrived) { return $completions }
            Start-Sleep -Milliseconds 500
        }
        $completions
    }

    # Checks a completion case of the tables above.
    function Assert-Completion {
        param([string[]] $Completions, [string] $Line, [string[]] $Offers, [string[]] $Omits, [switch] $Exactly)
        if ($Exactly) {
            @($Completions | Sort-Object) | Should -BeExactly @($Offers | Sort-Object)
        }
        foreach ($value in $Offers) { $Completions | Should -Contain $value }
        foreach ($value in $Omits) { $Completions | Should -Not -Contain $value }
        # What was typed of the last value (after the last space or comma) starts every value offered.
        $typed = ($Line -split '[ ,]')[-1]
        foreach ($value in $Completions) { $value | Should -BeLike "$typed*" }
    }

    # Warm the HTTP stack and the emulator (not the completion cache: a scene list is cached apart
    # from the full catalog), so the first press is not slowed by JIT compilation.
    $null = Get-TokenLabModel -RecommendedFor embedding -BaseUri $BaseUri

    # A base URI the completion cache has never seen (it keeps what it learns per base URI) that
    # still reaches the emulator: a path prefix of its own, so its requests are told apart in the log.
    function New-UnseenService {
        $prefix = '/completion-' + [guid]::NewGuid().ToString('N')
        [pscustomobject]@{ BaseUri = $BaseUri.TrimEnd('/') + $prefix + '/'; Catalog = $prefix + '/v1/models' }
    }

    # A realtime session to complete the ID of. Without the model check, which is remembered for the rest of
    # the PowerShell session: the realtime tests count its requests.
    function Start-TestSession {
        param([string] $Model)
        Start-TokenLabRealtime -Model $Model -BaseUri $BaseUri -ApiKey $Test.ApiKey -SkipModelCheck
    }

    # The state every test starts from.
    function Reset-TestState {
        Reset-Emulator
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'Get-TokenLabModel -Id completion' {
    BeforeEach { Reset-TestState }

    It 'offers model IDs from the catalog at -BaseUri on the command line' {
        $line = "Get-TokenLabModel -BaseUri $BaseUri -Id tts"
        $errorsBefore = $Error.Count
        $null = Get-Completion $line
        $completions = Get-CompletionEventually -Line $line -Expect 'tts-1'
        $completions | Should -Contain 'tts-1'
        $completions | Should -Contain 'tts-1-hd'
        foreach ($item in $completions) { $item | Should -BeLike 'tts*' }
        $Error.Count | Should -Be $errorsBefore
        # The list came from this emulator, in one request: a press made while the catalog was still
        # on its way joined that request instead of starting (and waiting on) one of its own.
        @(Get-EmulatorRequest -Path '/v1/models').Count | Should -Be 1
    }

    It 'completes by position too, and case-insensitively' {
        $completions = Get-CompletionEventually -Line "Get-TokenLabModel -BaseUri $BaseUri WHISP" -Expect 'whisper-1'
        $completions | Should -Contain 'whisper-1'
    }

    It 'answers the next presses from its cache without asking the service again' {
        $null = Get-CompletionEventually -Line "Get-TokenLabModel -BaseUri $BaseUri -Id gpt" -Expect 'gpt-5.4'
        Clear-EmulatorRequest
        $completions = Get-Completion "Get-TokenLabModel -BaseUri $BaseUri -Id gpt-4o"
        $completions | Should -Contain 'gpt-4o-mini-tts'
        @(Get-EmulatorRequest -Path '/v1/models*').Count | Should -Be 0
    }

    It 'uses the base URI of Connect-TokenLab when the command line has none' {
        Connect-TokenLab -BaseUri $BaseUri
        try {
            $completions = Get-CompletionEventually -Line 'Get-TokenLabModel -Id veo' -Expect 'veo3.1'
            $completions | Should -Contain 'veo3.1'
        }
        finally { Disconnect-TokenLab }
    }

    It 'returns nothing and no error when the service is unreachable, press after press' {
        $port = Get-ClosedLoopbackPort
        $errorsBefore = $Error.Count
        $line = "Get-TokenLabModel -BaseUri http://127.0.0.1:$port/ -Id tts"
        $first = Get-Completion $line
        $second = Get-Completion $line
        @($first + $second | Where-Object { $_ -like 'tts*' }).Count | Should -Be 0
        $Error.Count | Should -Be $errorsBefore
    }

    It 'does not try an unreachable service again on the next presses (failure back-off)' {
        # The emulator drops the connection before any byte: to the client, the same connection
        # failure as a service that is down, but the attempts show in the request log.
        $service = New-UnseenService
        Add-EmulatorFault -Match $service.Catalog -Kind reset -Count 0
        $line = 'Get-TokenLabModel -BaseUri ' + $service.BaseUri + ' -Id tts'
        $errorsBefore = $Error.Count
        $first = Get-Completion $line
        $null = Wait-TestCondition { @(Get-EmulatorRequest -Path $service.Catalog).Count -gt 0 }
        $later = @(Get-Completion $line) + @(Get-Completion $line)
        @($first + $later | Where-Object { $_ -like 'tts*' }).Count | Should -Be 0
        $Error.Count | Should -Be $errorsBefore
        # One attempt, the first press's: the later presses, within the back-off, sent nothing.
        @(Get-EmulatorRequest -Path $service.Catalog).Count | Should -Be 1
    }

    It 'returns while the catalog request of a service that never answers is still open' {
        $service = New-UnseenService
        Add-EmulatorFault -Match $service.Catalog -Kind stall -Count 0
        $line = 'Get-TokenLabModel -BaseUri ' + $service.BaseUri + ' -Id tts'
        $errorsBefore = $Error.Count
        $first = Get-Completion $line
        # The stalled catalog request reached the emulator, and the press came back without waiting
        # for it to end: the emulator holds it open (no status recorded) until the client gives up.
        $null = Wait-TestCondition { @(Get-EmulatorRequest -Path $service.Catalog).Count -gt 0 }
        $logged = @(Get-EmulatorRequest -Path $service.Catalog)
        $logged.Count | Should -Be 1
        $logged[0].statusCode | Should -BeNullOrEmpty
        # The next press does not wait on it either, nor start a second request.
        $second = Get-Completion $line
        @($first + $second | Where-Object { $_ -like 'tts*' }).Count | Should -Be 0
        $Error.Count | Should -Be $errorsBefore
        $logged = @(Get-EmulatorRequest -Path $service.Catalog)
        $logged.Count | Should -Be 1
        $logged[0].statusCode | Should -BeNullOrEmpty
    }
}

Describe 'Completion from the catalog: <Name>' -ForEach $CatalogCases {
    It 'offers what the catalog says' {
        $line = $Line.Replace('<BaseUri>', $BaseUri)
        $errorsBefore = $Error.Count
        $completions = Get-CompletionEventually -Line $line -Expect $Offers[0]
        Assert-Completion -Completions $completions -Line $line -Offers $Offers -Omits $Omits -Exactly:($Exactly -eq $true)
        $Error.Count | Should -Be $errorsBefore
    }
}

Describe 'Completion from a fixed list: <Name>' -ForEach $FixedCases {
    It 'offers the known values' {
        Assert-Completion -Completions (Get-Completion $Line) -Line $Line -Offers $Offers -Omits $Omits -Exactly:($Exactly -eq $true)
    }
}

Describe 'Completion from the catalog: the listings and the key' {
    BeforeEach { Reset-TestState }
    AfterEach { Disconnect-TokenLab }

    It 'offers the documented voices for a model whose details list none, or that the catalog does not know' {
        $completions = Get-CompletionEventually -Line "New-TokenLabSpeech -BaseUri $BaseUri -Model no-such-model -Voice " -Expect 'alloy'
        $completions | Should -Contain 'alloy'
        $completions | Should -Contain 'Kore'
        $completions = Get-CompletionEventually -Line "Start-TokenLabRealtime -BaseUri $BaseUri -Model gpt-realtime -Voice " -Expect 'marin'
        $completions | Should -Contain 'marin'
        $completions | Should -Not -Contain 'fable'
    }

    It 'reads the details of the -Model once, with the key and base URI of Connect-TokenLab, as the command would' {
        $key = Get-TestApiKey -Name Context
        Connect-TokenLab -BaseUri $BaseUri -ApiKey $key
        $line = 'New-TokenLabSpeech -Model speech-01-hd -Voice '
        $completions = Get-CompletionEventually -Line $line -Expect 'male-qn-qingse'
        @($completions | Sort-Object) | Should -BeExactly @('female-shaonv', 'male-qn-qingse')
        $null = Get-Completion $line
        $requests = @(Get-EmulatorRequest -Path '/v1/models/speech-01-hd')
        $requests.Count | Should -Be 1
        $authorization = Get-RecordedHeader -Request $requests[0] -Name 'Authorization'
        $authorization.Substring($authorization.Length - 4) | Should -Be (Get-KeyTail $key)
    }

    It 'keeps the whole catalog apart from the realtime models that Get-TokenLabModel -Realtime lists' {
        $null = Get-CompletionEventually -Line "Get-TokenLabModel -BaseUri $BaseUri -Id " -Expect 'tts-1'
        $realtime = @(Get-TokenLabModel -Realtime -BaseUri $BaseUri | ForEach-Object { $_.Id })
        Clear-EmulatorRequest
        $completions = Get-Completion "Get-TokenLabModel -BaseUri $BaseUri -Id "
        $completions | Should -Contain 'tts-1'
        $completions | Should -Contain 'gpt-realtime'
        @(Get-Completion "Start-TokenLabRealtime -BaseUri $BaseUri -Model " | Sort-Object) | Should -BeExactly @($realtime | Sort-Object)
        # Both came from the cache: the realtime list that Get-TokenLabModel fetched anyway, and the catalog.
        @(Get-EmulatorRequest -Path '/v1/models*').Count | Should -Be 0
    }

    It 'offers nothing from an unreachable service, and no error: <Line>' -ForEach @(
        @{ Line = 'Start-TokenLabRealtime -BaseUri <Service> -Model ' }
        @{ Line = 'New-TokenLabSpeech -BaseUri <Service> -Model ' }
        @{ Line = 'Get-TokenLabModel -BaseUri <Service> -Provider ' }
        @{ Line = 'Get-TokenLabModel -BaseUri <Service> -Tag ' }
    ) {
        $line = $Line.Replace('<Service>', "http://127.0.0.1:$(Get-ClosedLoopbackPort)/")
        $errorsBefore = $Error.Count
        @(Get-Completion $line) + @(Get-Completion $line) | Should -BeNullOrEmpty
        $Error.Count | Should -Be $errorsBefore
    }

    It 'offers the documented voices when the service of the -Model is unreachable' {
        $line = "New-TokenLabSpeech -BaseUri http://127.0.0.1:$(Get-ClosedLoopbackPort)/ -Model gemini-2.5-flash-tts -Voice "
        $errorsBefore = $Error.Count
        $completions = Get-Completion $line
        $completions | Should -Contain 'alloy'
        $completions | Should -Not -Contain 'Puck'
        $Error.Count | Should -Be $errorsBefore
    }
}

Describe 'Realtime event type completion' {
    It 'says which GA name a beta name matches as well' {
        $line = 'Receive-TokenLabRealtimeEvent -Type response.audio.d'
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $delta = @($result.CompletionMatches | Where-Object { $_.CompletionText -eq 'response.audio.delta' })
        $delta.Count | Should -Be 1
        $delta[0].ToolTip | Should -BeLike '*beta*response.output_audio.delta*'
    }

    It 'offers nothing, and no error, for text that is no wildcard pattern' {
        $errorsBefore = $Error.Count
        Get-Completion 'Receive-TokenLabRealtimeEvent -Type response[' | Should -BeNullOrEmpty
        $Error.Count | Should -Be $errorsBefore
    }
}

Describe 'Realtime session completion' {
    BeforeAll {
        function Stop-AllSessions {
            foreach ($session in @(Get-TokenLabRealtime)) { $null = Stop-TokenLabRealtime -Session $session }
        }
    }

    BeforeEach {
        Stop-AllSessions
        Reset-TestState
        $First = Start-TestSession -Model gpt-realtime
        $Second = Start-TestSession -Model gpt-realtime-mini
    }

    AfterAll { Stop-AllSessions }

    It 'Get-TokenLabRealtime -SessionId offers the IDs, with the model and state as the tooltip' {
        $line = 'Get-TokenLabRealtime -SessionId '
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($result.CompletionMatches | ForEach-Object { $_.CompletionText }) | Should -Be @($First.SessionId, $Second.SessionId)
        @($result.CompletionMatches | ForEach-Object { $_.ToolTip }) | Should -Be @(
            ($First.SessionId + ': gpt-realtime, Open'), ($Second.SessionId + ': gpt-realtime-mini, Open'))
    }

    It '<Line> offers the IDs' -ForEach @(
        @{ Line = 'Receive-TokenLabRealtimeEvent -Session ' }
        @{ Line = 'Receive-TokenLabRealtimeEvent ' }
        @{ Line = 'Send-TokenLabRealtimeEvent -Session ' }
        @{ Line = 'Send-TokenLabRealtimeAudio -Session ' }
        @{ Line = 'Stop-TokenLabRealtime -Session ' }
    ) {
        Get-Completion $Line | Should -Be @($First.SessionId, $Second.SessionId)
    }

    It 'narrows to the session whose ID starts with what was typed, case aside' {
        $typed = $Second.SessionId.Substring(0, $Second.SessionId.Length - 1).ToLowerInvariant()
        Get-Completion "Stop-TokenLabRealtime -Session $typed" | Should -BeExactly @($Second.SessionId)
    }

    It 'a completed ID names its session, and a stopped session is offered no more' {
        $completed = @(Get-Completion ('Stop-TokenLabRealtime -Session ' + $First.SessionId.Substring(0, 9)))
        $completed | Should -Be @($First.SessionId)
        Stop-TokenLabRealtime -Session $completed[0]
        $First.State | Should -Be 'Closed'
        Get-Completion 'Receive-TokenLabRealtimeEvent -Session ' | Should -Be @($Second.SessionId)
    }

    It 'offers nothing, and no error, when no session is open' {
        Stop-AllSessions
        $errorsBefore = $Error.Count
        Get-Completion 'Get-TokenLabRealtime -SessionId ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be $errorsBefore
    }
}

Describe 'Every parameter with known values completes' {
    BeforeAll {
        Reset-TestState
        Connect-TokenLab -BaseUri $BaseUri
        $Session = Start-TestSession -Model gpt-realtime
    }

    AfterAll {
        $null = Stop-TokenLabRealtime -Session $Session
        Disconnect-TokenLab
    }

    It 'offers at least one value at an empty value for each enum, ValidateSet or ArgumentCompleter parameter of every exported cmdlet' {
        $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
        $checked = @()
        $missing = @()
        foreach ($command in Get-Command -Module TokenLab -CommandType Cmdlet) {
            foreach ($parameter in $command.Parameters.Values) {
                if ($common -contains $parameter.Name) { continue }
                $type = $parameter.ParameterType
                if ($type.IsArray) { $type = $type.GetElementType() }
                $known = $type.IsEnum -or @($parameter.Attributes | Where-Object {
                        $_ -is [System.Management.Automation.ValidateSetAttribute] -or $_ -is [System.Management.Automation.ArgumentCompleterAttribute]
                    }).Count -gt 0
                if (-not $known) { continue }
                $line = $command.Name + ' -' + $parameter.Name + ' '
                $checked += $line.Trim()
                if (@(Get-CompletionEventually -Line $line).Count -eq 0) { $missing += $line.Trim() }
            }
        }
        $missing | Should -BeNullOrEmpty
        # The enumeration found the parameters it is there for, of every kind.
        foreach ($expected in 'New-TokenLabSpeech -Format', 'Start-TokenLabRealtime -Model', 'Receive-TokenLabRealtimeEvent -Until',
            'Stop-TokenLabRealtime -Session', 'Get-TokenLabRealtime -SessionId', 'Get-TokenLabModel -Tag', 'ConvertFrom-TokenLabAudio -Language') {
            $checked | Should -Contain $expected
        }
        $checked.Count | Should -BeGreaterThan 25
    }
}
