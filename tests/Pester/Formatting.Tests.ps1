# How the module's output reads: the table and list views of every output type (and of the objects nested in
# them) on real objects from the emulator, human-readable sizes and durations, request IDs in the list views,
# ToString() in a string, and the PSPath/FullName/Path members that let saved files pipe into the item cmdlets.
# Views render with -DisplayError, so a failing script block shows as #ERR instead of an empty cell.
# Windows PowerShell 5.1 must be able to parse this file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    Reset-Emulator
    Connect-TokenLab -BaseUri $Test.BaseUri -ApiKey $Test.ApiKey
    $Invariant = [System.Globalization.CultureInfo]::InvariantCulture
    $DurationPattern = '^\d{2}:\d{2}:\d{2}\.\d$'

    function Show-Table($InputObject) {
        $text = $InputObject | Format-Table -DisplayError | Out-String -Width 80
        $text | Should -Not -Match '#ERR'
        $text
    }

    function Show-List($InputObject) {
        # Wide enough that no value wraps onto a second line.
        $text = $InputObject | Format-List -DisplayError | Out-String -Width 250
        $text | Should -Not -Match '#ERR'
        $text
    }

    # The column labels of a rendered table, and its rows, whitespace collapsed.
    function Get-TableHeader([string] $Text) {
        @($Text -split "`r?`n" | Where-Object { $_.Trim() })[0].Trim() -replace '\s+', ' '
    }

    function Get-TableRow([string] $Text) {
        , @($Text -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -Skip 2 | ForEach-Object { $_.Trim() -replace '\s+', ' ' })
    }

    # The first line of each field of a rendered list: label -> value.
    function Get-ListField([string] $Text) {
        $fields = [ordered]@{}
        foreach ($line in ($Text -split "`r?`n")) {
            if ($line -match '^(\S+)\s+: ?(.*)$' -and -not $fields.Contains($Matches[1])) { $fields[$Matches[1]] = $Matches[2].TrimEnd() }
        }
        $fields
    }

    # What the views show, worked out here independently of the module's helper.
    function Get-ExpectedSize([long] $Bytes) {
        if ($Bytes -ge 1MB) { return [string]::Format($Invariant, '{0:0.0} MB', $Bytes / 1MB) }
        if ($Bytes -ge 1KB) { return [string]::Format($Invariant, '{0:0.0} KB', $Bytes / 1KB) }
        [string]::Format($Invariant, '{0} B', $Bytes)
    }

    function Get-ExpectedDuration([TimeSpan] $Duration) {
        [TimeSpan]::FromSeconds([math]::Round($Duration.TotalSeconds, 1, [MidpointRounding]::AwayFromZero)).ToString('hh\:mm\:ss\.f')
    }

    function Get-FileHashText([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }

    # Every TokenLab type a cmdlet declares in [OutputType], and every TokenLab class reachable through their
    # public properties (Usage, Pricing, Segments, Error, …): what a user sees on the pipeline or expands.
    function Get-ShownType {
        $pending = New-Object 'System.Collections.Generic.Queue[type]'
        foreach ($command in Get-Command -Module TokenLab -CommandType Cmdlet) {
            foreach ($output in $command.OutputType) { if ($null -ne $output.Type) { $pending.Enqueue($output.Type) } }
        }
        $seen = New-Object 'System.Collections.Generic.HashSet[type]'
        while ($pending.Count -gt 0) {
            $type = $pending.Dequeue()
            if ($type.IsArray) { $pending.Enqueue($type.GetElementType()); continue }
            if ($type.IsGenericType) { foreach ($argument in $type.GetGenericArguments()) { $pending.Enqueue($argument) }; continue }
            if (-not $type.IsClass -or $type.Namespace -notlike 'TokenLab.*' -or -not $seen.Add($type)) { continue }
            foreach ($property in $type.GetProperties()) { $pending.Enqueue($property.PropertyType) }
        }
        @($seen)
    }

    function Get-View([type] $Type, [string] $Control) {
        $format = Get-FormatData -TypeName $Type.FullName
        @($format.FormatViewDefinition | Where-Object { $_.Control.GetType().Name -eq $Control })
    }

    # Real objects of every kind, made once.
    $Folder = Join-Path $TestDrive 'out'
    $null = New-Item -ItemType Directory -Path $Folder
    $Speech = New-TokenLabSpeech 'Doors open at nine.' -Format wav -OutDirectory $Folder
    $SkippedSpeech = New-TokenLabSpeech 'Doors open at nine.' -Format wav -OutDirectory $Folder
    $StreamedSpeech = New-TokenLabSpeech 'Streamed as it is made.' -Model gpt-4o-mini-tts -Stream -Format mp3 -OutFile (Join-Path $Folder 'streamed.mp3')
    $Spoken = New-TokenLabSpeech 'Doors open at nine.' -Format wav -OutFile (Join-Path $Folder 'doors.wav')
    $Transcript = $Spoken | ConvertFrom-TokenLabAudio -TimestampGranularity word, segment -OutDirectory $Folder -As srt
    $UnsavedTranscript = $Spoken | ConvertFrom-TokenLabAudio
    $Turn = Start-TokenLabRealtime -Model gpt-realtime -Text 'What time is it?' -OutFile (Join-Path $Folder 'reply.wav')
    $Session = Start-TokenLabRealtime -Model gpt-realtime
    Send-TokenLabRealtimeEvent -Session $Session -Event @{
        type = 'conversation.item.create'
        item = @{ type = 'message'; role = 'user'; content = @(@{ type = 'input_text'; text = 'Hi there' }) }
    }
    Send-TokenLabRealtimeEvent -Session $Session -Event @{ type = 'response.create' }
    $Events = @(Receive-TokenLabRealtimeEvent -Session $Session -Until response.done -TimeoutSec 15)
    $Model = Get-TokenLabModel -Id tts-1
}

AfterAll {
    foreach ($open in @(Get-TokenLabRealtime)) { $null = Stop-TokenLabRealtime -Session $open }
    Complete-TokenLabTest
}

Describe 'Every type a user sees has its views' {
    BeforeAll {
        $ShownTypes = Get-ShownType
    }

    It 'finds the declared output types and the objects nested in them' {
        $names = @($ShownTypes | ForEach-Object { $_.FullName })
        foreach ($expected in 'TokenLab.PowerShell.Output.GeneratedSpeech', 'TokenLab.PowerShell.Output.TokenLabTranscript',
            'TokenLab.PowerShell.Output.TokenLabRealtimeSession', 'TokenLab.PowerShell.Output.TokenLabRealtimeEvent',
            'TokenLab.PowerShell.Output.TokenLabRealtimeTurn', 'TokenLab.PowerShell.Output.TokenLabContextInfo',
            'TokenLab.Client.Models.TokenLabModel', 'TokenLab.Client.Models.ModelPricing', 'TokenLab.Client.Transcription.TranscriptSegment',
            'TokenLab.Client.Transcription.TranscriptWord', 'TokenLab.Client.Realtime.RealtimeUsage', 'TokenLab.Client.Speech.SpeechUsage') {
            $names | Should -Contain $expected
        }
    }

    It 'has a table view and a list view for each of them' {
        foreach ($type in $ShownTypes) {
            @(Get-View $type 'TableControl').Count | Should -BeGreaterThan 0 -Because "$($type.FullName) needs a table view"
            @(Get-View $type 'ListControl').Count | Should -BeGreaterThan 0 -Because "$($type.FullName) needs a list view"
        }
    }

    It 'names the request and billing transaction IDs in the list view of every type that has them' {
        $checked = 0
        foreach ($type in $ShownTypes) {
            $items = @((Get-View $type 'ListControl')[0].Control.Entries[0].Items | ForEach-Object { $_.DisplayEntry.Value })
            foreach ($id in 'RequestId', 'BillingTransactionId') {
                if ($null -ne $type.GetProperty($id)) {
                    $items | Should -Contain $id -Because "the list view of $($type.FullName) shows its $id"
                    $checked++
                }
            }
        }
        $checked | Should -BeGreaterOrEqual 6
    }

    It 'fits every table in 80 columns, leaving a free last column at least 20' {
        foreach ($type in $ShownTypes) {
            $headers = @((Get-View $type 'TableControl')[0].Control.Headers)
            $fixed = @($headers | Where-Object { $_.Width -gt 0 })
            $used = ($fixed | Measure-Object -Property Width -Sum).Sum + $headers.Count - 1
            if ($fixed.Count -lt $headers.Count) { $used += 20 }
            $used | Should -BeLessOrEqual 80 -Because "the table of $($type.FullName) must fit an 80-column console"
        }
    }
}

Describe 'DisplayText: the sizes and durations every view shows' {
    It 'shows sizes in B, KB, MB and GB with one decimal' {
        [TokenLab.PowerShell.Output.DisplayText]::Size(0) | Should -Be '0 B'
        [TokenLab.PowerShell.Output.DisplayText]::Size(1023) | Should -Be '1023 B'
        [TokenLab.PowerShell.Output.DisplayText]::Size(1536) | Should -Be '1.5 KB'
        [TokenLab.PowerShell.Output.DisplayText]::Size(13446764) | Should -Be '12.8 MB'
        [TokenLab.PowerShell.Output.DisplayText]::Size(3GB) | Should -Be '3.0 GB'
    }

    It 'shows durations as hours, minutes, seconds and tenths, rounded, without folding hours into days' {
        [TokenLab.PowerShell.Output.DisplayText]::Duration([TimeSpan]::FromMilliseconds(1140)) | Should -Be '00:00:01.1'
        [TokenLab.PowerShell.Output.DisplayText]::Duration([TimeSpan]::FromMilliseconds(59960)) | Should -Be '00:01:00.0'
        [TokenLab.PowerShell.Output.DisplayText]::Duration([TimeSpan]::FromSeconds(65.2)) | Should -Be '00:01:05.2'
        [TokenLab.PowerShell.Output.DisplayText]::Duration([TimeSpan]::FromHours(26.5)) | Should -Be '26:30:00.0'
        [TokenLab.PowerShell.Output.DisplayText]::Duration($null) | Should -Be ''
    }

    It 'shows positions in audio to the millisecond' {
        [TokenLab.PowerShell.Output.DisplayText]::Offset([TimeSpan]::FromTicks(11404999)) | Should -Be '00:00:01.140'
        [TokenLab.PowerShell.Output.DisplayText]::Offset([TimeSpan]::FromMinutes(61)) | Should -Be '01:01:00.000'
    }
}

Describe 'GeneratedSpeech' {
    It 'shows a table of status, size, duration and file name' {
        $text = Show-Table @($Speech, $SkippedSpeech)
        Get-TableHeader $text | Should -Be 'Status Size Duration Name'
        $rows = Get-TableRow $text
        $size = Get-ExpectedSize $Speech.Bytes
        $duration = Get-ExpectedDuration $Speech.Duration
        $rows[0] | Should -Be "saved $size $duration $($Speech.Path.Name)"
        $rows[1] | Should -Be "skipped $size $duration $($Speech.Path.Name)"
        $size | Should -Match '^\d+\.\d KB$'
    }

    It 'shows the details with the request and billing transaction IDs in the list' {
        $fields = Get-ListField (Show-List $Speech)
        $fields.Path | Should -Be $Speech.Path.FullName
        $fields.Size | Should -Be (Get-ExpectedSize $Speech.Bytes)
        $fields.Duration | Should -Be (Get-ExpectedDuration $Speech.Duration)
        $fields.Elapsed | Should -Match $DurationPattern
        $fields.Status | Should -Be 'saved'
        $fields.RequestId | Should -Be $Speech.RequestId
        $fields.RequestId | Should -Match '^req_'
        $fields.BillingTransactionId | Should -Be $Speech.BillingTransactionId
        $fields.EstimatedCost | Should -Match '^0\.\d{6} USD$'
        $fields.EstimatedCost | Should -Be ([string]$Speech.EstimatedCost)
        $fields.Contains('Usage') | Should -BeFalse -Because 'only streamed speech reports usage'
        (Get-ListField (Show-List $StreamedSpeech)).Usage | Should -Match '^\d+ tokens \(in \d+, out \d+\)$'
    }

    It 'reads as its full path in a string' {
        "$Speech" | Should -Be $Speech.Path.FullName
    }

    It 'has FullName and PSPath for the item cmdlets, beside its FileInfo Path' {
        $Speech.Path | Should -BeOfType [System.IO.FileInfo]
        $Speech.FullName | Should -Be $Speech.Path.FullName
        $Speech.PSPath | Should -Be ((Get-Item -LiteralPath $Speech.FullName).PSPath)
    }

    It 'pipes into Get-Item, Copy-Item and Remove-Item, even with [ ] in its name' {
        $bracketed = New-TokenLabSpeech 'Line one.' -Format wav -OutFile (Join-Path $Folder 'line[1].wav')
        ($bracketed | Get-Item).FullName | Should -Be $bracketed.FullName
        $copy = Join-Path $Folder 'copy[1].wav'
        $bracketed | Copy-Item -Destination $copy
        Get-FileHashText $copy | Should -Be (Get-FileHashText $bracketed.FullName)
        $bracketed | Remove-Item
        Test-Path -LiteralPath $bracketed.FullName | Should -BeFalse
    }

    It 'still pipes into ConvertFrom-TokenLabAudio' {
        ($Speech | ConvertFrom-TokenLabAudio).Text | Should -Be 'Doors open at nine.'
    }
}

Describe 'TokenLabTranscript, its segments and words' {
    It 'shows a table of source, duration, language, segments and text' {
        $text = Show-Table $Transcript
        Get-TableHeader $text | Should -Be 'Source Duration Language Segs Skipped Text'
        (Get-TableRow $text)[0] | Should -Be ('doors.wav {0} english 1 no Doors open at nine.' -f (Get-ExpectedDuration $Transcript.Duration))
    }

    It 'shows the details with the request and billing transaction IDs in the list' {
        $fields = Get-ListField (Show-List $Transcript)
        $fields.Text | Should -Be 'Doors open at nine.'
        $fields.Duration | Should -Be (Get-ExpectedDuration $Transcript.Duration)
        $fields.Elapsed | Should -Match $DurationPattern
        $fields.RequestId | Should -Be $Transcript.RequestId
        $fields.RequestId | Should -Match '^req_'
        $fields.BillingTransactionId | Should -Be $Transcript.BillingTransactionId
        $fields.EstimatedCost | Should -Match '^0\.\d{6} USD$'
        $fields.OutFile | Should -Be $Transcript.OutFile.FullName
        $fields.Segments | Should -Be '1'
        $fields.Words | Should -Be '4'
    }

    It 'shows segments and words with their times to the millisecond' {
        $segments = Show-Table $Transcript.Segments
        Get-TableHeader $segments | Should -Be 'Id Start End Text'
        (Get-TableRow $segments)[0] | Should -Be ('0 00:00:00.000 {0} Doors open at nine.' -f $Transcript.Segments[0].End.ToString('hh\:mm\:ss\.fff'))
        (Get-ListField (Show-List $Transcript.Segments[0])).End | Should -Be $Transcript.Segments[0].End.ToString('hh\:mm\:ss\.fff')

        $words = Show-Table $Transcript.Words
        Get-TableHeader $words | Should -Be 'Word Start End'
        @((Get-TableRow $words) | ForEach-Object { ($_ -split ' ')[0] }) | Should -Be @('Doors', 'open', 'at', 'nine')
        $first = $Transcript.Words[0]
        (Get-ListField (Show-List $first)).Start | Should -Be $first.Start.ToString('hh\:mm\:ss\.fff')
    }

    It 'reads as its text, and segments and words as theirs, in a string' {
        "$Transcript" | Should -Be 'Doors open at nine.'
        "$($Transcript.Segments[0])" | Should -Be 'Doors open at nine.'
        "$($Transcript.Words[0])" | Should -Be 'Doors'
    }

    It 'has the saved file as Path, FullName and PSPath, and pipes into Get-Item and Copy-Item' {
        $Transcript.Path | Should -BeOfType [System.IO.FileInfo]
        $Transcript.FullName | Should -Be $Transcript.OutFile.FullName
        $Transcript.FullName | Should -BeLike '*.srt'
        ($Transcript | Get-Item).FullName | Should -Be $Transcript.FullName
        $copy = Join-Path $Folder 'copy.srt'
        $Transcript | Copy-Item -Destination $copy
        Get-FileHashText $copy | Should -Be (Get-FileHashText $Transcript.FullName)
    }

    It 'has no file members when nothing was saved' {
        $UnsavedTranscript.Path | Should -BeNullOrEmpty
        $UnsavedTranscript.FullName | Should -BeNullOrEmpty
        $UnsavedTranscript.PSPath | Should -BeNullOrEmpty
    }
}

Describe 'TokenLabRealtimeSession and its usage' {
    It 'shows a table with the whole session ID' {
        $text = Show-Table $Session
        Get-TableHeader $text | Should -Be 'SessionId Model State Sent Recv Tokens Close'
        (Get-TableRow $text)[0] | Should -Be ('{0} gpt-realtime Open 2 {1} {2}' -f $Session.SessionId, $Session.EventsReceived, $Session.Usage.TotalTokens)
    }

    It 'shows the request ID of the WebSocket upgrade in the list' {
        $fields = Get-ListField (Show-List $Session)
        $fields.SessionId | Should -Be $Session.SessionId
        $fields.RequestId | Should -Be $Session.RequestId
        $fields.RequestId | Should -Match '^req_'
        $fields.Usage | Should -Be ('{0} tokens (in {1}, out {2})' -f $Session.Usage.TotalTokens, $Session.Usage.InputTokens, $Session.Usage.OutputTokens)
    }

    It 'reads as its ID, model and state in a string' {
        "$Session" | Should -Be "$($Session.SessionId) (gpt-realtime, Open)"
    }

    It 'shows its usage as a list by default, and as a table' {
        $usage = $Session.Usage
        $usage.TotalTokens | Should -BeGreaterThan 0
        $fields = Get-ListField ($usage | Out-String -Width 250)
        $fields.TotalTokens | Should -Be ([string]$usage.TotalTokens)
        $fields.OutputAudioTokens | Should -Be ([string]$usage.OutputAudioTokens)
        $text = Show-Table $usage
        Get-TableHeader $text | Should -Be 'Total Input Output InText InAudio Cached OutText OutAudio Responses'
        (Get-TableRow $text)[0] | Should -Be (@($usage.TotalTokens, $usage.InputTokens, $usage.OutputTokens, $usage.InputTextTokens, $usage.InputAudioTokens,
                $usage.CachedInputTokens, $usage.OutputTextTokens, $usage.OutputAudioTokens, $usage.Responses) -join ' ')
    }
}

Describe 'TokenLabRealtimeEvent' {
    BeforeAll {
        $AudioDelta = @($Events | Where-Object { $_.GaType -eq 'response.output_audio.delta' })[0]
        $TranscriptDelta = @($Events | Where-Object { $_.GaType -eq 'response.output_audio_transcript.delta' })[0]
        $Done = $Events[-1]
    }

    It 'shows a table of sequence, type and what each event carries' {
        $text = Show-Table $Events
        Get-TableHeader $text | Should -Be '# Type Detail'
        $rows = Get-TableRow $text
        $rows.Count | Should -Be $Events.Count
        $rows | Should -Contain ('{0} session.created {1}' -f $Events[0].Sequence, $Session.SessionId)
        $rows | Should -Contain ('{0} response.output_audio.delta {1} of audio' -f $AudioDelta.Sequence, (Get-ExpectedSize $AudioDelta.AudioBytes.Length))
        $rows | Should -Contain ('{0} response.output_audio_transcript.delta "{1}"' -f $TranscriptDelta.Sequence, $TranscriptDelta.Delta)
        $rows[-1] | Should -Be ('{0} response.done completed, {1}' -f $Done.Sequence, $Done.Usage)
    }

    It 'lists the fields an event has, and leaves out the JSON of audio' {
        $fields = Get-ListField (Show-List $AudioDelta)
        $fields.Sequence | Should -Be ([string]$AudioDelta.Sequence)
        $fields.Type | Should -Be 'response.output_audio.delta'
        $fields.Audio | Should -Be (Get-ExpectedSize $AudioDelta.AudioBytes.Length)
        $fields.Contains('ReceivedAt') | Should -BeTrue
        $fields.Contains('Json') | Should -BeFalse
        $fields.Contains('Transcript') | Should -BeFalse

        $fields = Get-ListField (Show-List $Done)
        $fields.ResponseStatus | Should -Be 'completed'
        $fields.Usage | Should -Be ([string]$Done.Usage)
        $fields.Json | Should -BeLike '{"type":"response.done"*'
    }

    It 'reads as its type and what it carries in a string' {
        "$Done" | Should -Be "response.done: completed, $($Done.Usage)"
        "$TranscriptDelta" | Should -Be ('response.output_audio_transcript.delta: "{0}"' -f $TranscriptDelta.Delta)
    }
}

Describe 'TokenLabRealtimeTurn' {
    It 'shows a table of duration, tokens, audio file and reply' {
        $text = Show-Table $Turn
        Get-TableHeader $text | Should -Be 'Duration Tokens Audio Reply'
        (Get-TableRow $text)[0] | Should -Be ('{0} {1} reply.wav You said: What time is it?' -f (Get-ExpectedDuration $Turn.Duration), $Turn.Usage.TotalTokens)
    }

    It 'shows the request ID of the session it ran in' {
        $fields = Get-ListField (Show-List $Turn)
        $upgrade = @(Get-EmulatorRequest -Path '/v1/realtime' | Where-Object { $_.requestId -eq $Turn.RequestId })
        $upgrade.Count | Should -Be 1
        $fields.RequestId | Should -Be $Turn.RequestId
        $fields.SessionId | Should -Be $Turn.SessionId
        $fields.ResponseId | Should -Be $Turn.ResponseId
        $fields.Duration | Should -Be (Get-ExpectedDuration $Turn.Duration)
        $fields.Elapsed | Should -Match $DurationPattern
        $fields.AudioPath | Should -Be $Turn.AudioPath
        $fields.EstimatedCost | Should -Be ([string]$Turn.EstimatedCost)
    }

    It 'reads as its reply in a string' {
        "$Turn" | Should -Be 'You said: What time is it?'
    }

    It 'has its audio as Path, FullName and PSPath, and pipes into Get-Item and Copy-Item' {
        $Turn.Path | Should -BeOfType [System.IO.FileInfo]
        $Turn.Path.FullName | Should -Be $Turn.AudioPath
        $Turn.FullName | Should -Be $Turn.AudioPath
        ($Turn | Get-Item).FullName | Should -Be $Turn.AudioPath
        $copy = Join-Path $Folder 'reply-copy.wav'
        $Turn | Copy-Item -Destination $copy
        Get-FileHashText $copy | Should -Be (Get-FileHashText $Turn.AudioPath)
    }
}

Describe 'TokenLabContextInfo' {
    It 'shows a list by default and a table on request, the key masked' {
        $context = Get-TokenLabContext
        ($context | Out-String -Width 250) | Should -Be (Show-List $context)
        $fields = Get-ListField (Show-List $context)
        @($fields.Keys)[0] | Should -Be 'Connected'
        $fields.ApiKey | Should -Be $context.ApiKey
        $fields.ApiKey | Should -Match '^sk-\.\.\.'
        $fields.ConnectedAt | Should -Not -BeNullOrEmpty
        $text = Show-Table $context
        Get-TableHeader $text | Should -Be 'Connected ApiKey BaseUri ApiKeySource'
        (Get-TableRow $text)[0] | Should -Be ('True {0} {1} {2}' -f $context.ApiKey, $context.BaseUri, $context.ApiKeySource)
    }

    It 'reads as its base URI and masked key in a string' {
        $context = Get-TokenLabContext
        "$context" | Should -Be ('{0} (key {1}, {2})' -f $context.BaseUri.AbsoluteUri, $context.ApiKey, $context.ApiKeySource)
    }
}

Describe 'TokenLabModel, its pricing, and speech usage' {
    It 'shows models as a table and a list, and reads as the model ID' {
        $text = Show-Table $Model
        Get-TableHeader $text | Should -Be 'Provider Category Rank Success24h Lifecycle Realtime Id'
        (Get-TableRow $text)[0] | Should -BeLike 'openai tts * tts-1'
        # The ID comes last and unbounded: a long real ID is cut only by the console's own width.
        $long = [pscustomobject]@{ PSTypeName = 'TokenLab.Client.Models.TokenLabModel'; Id = 'gpt-4o-mini-realtime-preview-2024-12-17'; Provider = 'openai' } |
            Format-Table | Out-String -Width 120
        (Get-TableRow $long)[0] | Should -BeLike '*gpt-4o-mini-realtime-preview-2024-12-17'
        (Get-ListField (Show-List $Model)).Pricing | Should -Be ([string]$Model.Pricing)
        "$Model" | Should -Be 'tts-1'
    }

    It 'shows pricing as a list by default and as a table, and reads as a one-line summary' {
        $pricing = $Model.Pricing
        $fields = Get-ListField ($pricing | Out-String -Width 250)
        $fields.Unit | Should -Be 'per_1m_characters'
        $fields.InputPer1M | Should -Be ([string]$pricing.InputPer1M)
        $text = Show-Table $pricing
        Get-TableHeader $text | Should -Be 'Unit Input Output PerRequest Min Max Complex'
        (Get-TableRow $text)[0] | Should -Be ('per_1m_characters {0} no' -f $pricing.InputPer1M)
        "$pricing" | Should -Be ('{0} USD per_1m_characters' -f $pricing.InputPer1M.ToString('0.############', $Invariant))
    }

    It 'shows speech usage as a table and a list, and reads as tokens in and out' {
        $usage = $StreamedSpeech.Usage
        $text = Show-Table $usage
        Get-TableHeader $text | Should -Be 'TotalTokens InputTokens OutputTokens'
        (Get-TableRow $text)[0] | Should -Be ('{0} {1} {2}' -f $usage.TotalTokens, $usage.InputTokens, $usage.OutputTokens)
        (Get-ListField (Show-List $usage)).TotalTokens | Should -Be ([string]$usage.TotalTokens)
        "$usage" | Should -Be ('{0} tokens (in {1}, out {2})' -f $usage.TotalTokens, $usage.InputTokens, $usage.OutputTokens)
    }
}
