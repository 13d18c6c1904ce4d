# ConvertFrom-TokenLabAudio against the emulator: pipeline binding, every response format into one object
# shape, translation, languages, the 25 MB check, -Split of WAV and MP3 with merged times, task polling,
# progress records, cancellation, saved transcripts (subtitles checked against hand-written files), rerun
# skips, error records and the delivery policy header.
# Windows PowerShell 5.1 must be able to parse this file.
BeforeDiscovery {
    $script:FormatCases = @(
        @{ Format = 'json'; Timed = $false }
        @{ Format = 'text'; Timed = $false }
        @{ Format = 'srt'; Timed = $true }
        @{ Format = 'vtt'; Timed = $true }
        @{ Format = 'verbose_json'; Timed = $true }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AudioTestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri
    $Key = $Test.ApiKey
    $Expected = Join-Path $PSScriptRoot 'Expected'
    $MeetingText = 'Good morning everyone. The backup finished overnight. Two servers need updates.'

    # The audio every test may use, made once.
    $Audio = Join-Path $TestDrive 'audio'
    $null = New-Item -ItemType Directory -Path $Audio
    $Meeting = New-TestWav -Path (Join-Path $Audio 'meeting.wav') -Seconds 10 -Text $MeetingText
    $Short = New-TestWav -Path (Join-Path $Audio 'short.wav') -Seconds 3
    $Standup = New-TestWav -Path (Join-Path $Audio 'standup.wav') -Seconds 12

    function Reset-TestState {
        Reset-Emulator
        Disconnect-TokenLab
        Connect-TokenLab -BaseUri $BaseUri -ApiKey $Key
    }

    # The upload requests the emulator saw (task polls and catalog calls left out).
    function Get-Upload {
        @(Get-EmulatorRequest -Path '/v1/audio/*')
    }

    function Read-Text([string] $Path) {
        ([System.IO.File]::ReadAllText($Path)) -replace "`r`n", "`n"
    }

    # Checks the merged transcript of split audio: numbered from 0, back to back, ending at the audio's end.
    function Assert-Contiguous {
        param($Transcript, [double] $TotalSeconds)
        $segments = @($Transcript.Segments)
        for ($i = 0; $i -lt $segments.Count; $i++) {
            $segments[$i].Id | Should -Be $i
            if ($i -gt 0) {
                [math]::Abs(($segments[$i].Start - $segments[$i - 1].End).TotalMilliseconds) | Should -BeLessOrEqual 1 -Because "segment $i starts where $($i - 1) ends"
            }
        }
        $segments[0].Start | Should -Be ([TimeSpan]::Zero)
        [math]::Abs($segments[-1].End.TotalSeconds - $TotalSeconds) | Should -BeLessOrEqual 0.001
        [math]::Abs($Transcript.Duration.TotalSeconds - $TotalSeconds) | Should -BeLessOrEqual 0.001
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'ConvertFrom-TokenLabAudio: input binding' {
    BeforeEach { Reset-TestState }

    It 'takes Get-ChildItem output from the pipeline, one transcript per file' {
        $results = @(Get-ChildItem -Path $Audio -Filter *.wav | ConvertFrom-TokenLabAudio)
        $results.Count | Should -Be 3
        foreach ($result in $results) { $result.GetType().FullName | Should -Be 'TokenLab.PowerShell.Output.TokenLabTranscript' }
        @($results | ForEach-Object { $_.Source } | Sort-Object) | Should -Be @($Meeting.FullName, $Short.FullName, $Standup.FullName)
        (Get-Upload).Count | Should -Be 3
    }

    It 'expands wildcards in -Path and takes path strings from the pipeline' {
        @(ConvertFrom-TokenLabAudio -Path (Join-Path $Audio 's*.wav')).Count | Should -Be 2
        @($Short.FullName, $Meeting.FullName | ConvertFrom-TokenLabAudio).Count | Should -Be 2
    }

    It 'resolves relative and drive paths against the PowerShell location' {
        Push-Location $Audio
        try { (ConvertFrom-TokenLabAudio -Path ./short.wav).Source | Should -Be $Short.FullName }
        finally { Pop-Location }
        (ConvertFrom-TokenLabAudio -LiteralPath 'TestDrive:/audio/short.wav').Source | Should -Be $Short.FullName
    }

    It 'takes names with brackets literally with -LiteralPath and by FullName from objects' {
        $odd = Copy-Item -LiteralPath $Short.FullName -Destination (Join-Path $TestDrive '[draft] call.wav') -PassThru
        (ConvertFrom-TokenLabAudio -LiteralPath $odd.FullName).Source | Should -Be $odd.FullName
        ([pscustomobject]@{ FullName = $odd.FullName } | ConvertFrom-TokenLabAudio).Source | Should -Be $odd.FullName
    }

    It 'takes a stream or a byte array with -FileName' {
        $bytes = [System.IO.File]::ReadAllBytes($Meeting.FullName)
        $stream = New-Object System.IO.MemoryStream (, $bytes)
        $fromStream = ConvertFrom-TokenLabAudio -InputStream $stream -FileName 'call.wav'
        $fromBytes = ConvertFrom-TokenLabAudio -AudioBytes $bytes -FileName 'call.wav'
        $fromStream.Text | Should -Be $MeetingText
        $fromBytes.Text | Should -Be $MeetingText
        $fromStream.Source | Should -Be 'call.wav'
        $stream.CanRead | Should -BeTrue -Because 'the caller''s stream is not closed'
    }

    It 'takes the model from a model object by property name' {
        $result = Get-TokenLabModel -Id gpt-4o-mini-transcribe | ConvertFrom-TokenLabAudio -Path $Short.FullName -ResponseFormat json
        $result.Model | Should -Be 'gpt-4o-mini-transcribe'
        (ConvertFrom-TokenLabAudio -Path $Short.FullName).Model | Should -Be 'whisper-1'
    }

    It 'binds a CSV Path column, and LiteralPath through its aliases, by property name as Get-Item does' {
        $odd = Copy-Item -LiteralPath $Short.FullName -Destination (Join-Path $TestDrive '[csv] call.wav') -PassThru
        $csv = Join-Path $TestDrive ('calls-' + [guid]::NewGuid().ToString('N') + '.csv')
        @(
            [pscustomobject][ordered]@{ Id = '42'; Path = $Meeting.FullName }
            [pscustomobject][ordered]@{ Id = '43'; Path = (Join-Path $Audio 'sh*.wav') }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        $results = @(Import-Csv -LiteralPath $csv | ConvertFrom-TokenLabAudio -Ordered)
        @($results | ForEach-Object { $_.Source }) | Should -Be @($Meeting.FullName, $Short.FullName)
        $results[0].Text | Should -Be $MeetingText
        @($results | ForEach-Object { $_.Model } | Select-Object -Unique) | Should -Be 'whisper-1' -Because 'the Id column names the row, not the model'
        foreach ($column in 'LiteralPath', 'PSPath', 'LP') {
            ([pscustomobject]@{ $column = $odd.FullName } | ConvertFrom-TokenLabAudio).Source | Should -Be $odd.FullName -Because "a $column column is taken literally"
        }
    }

    It 'takes no model from a piped object that is itself the audio' {
        # Like a New-TokenLabSpeech result: the audio, naming the speech model that made it.
        $made = Get-Item -LiteralPath $Short.FullName | Add-Member -NotePropertyName Model -NotePropertyValue 'tts-1' -PassThru
        ($made | ConvertFrom-TokenLabAudio).Model | Should -Be 'whisper-1'
        ($made | ConvertFrom-TokenLabAudio -Model gpt-4o-transcribe -ResponseFormat json).Model | Should -Be 'gpt-4o-transcribe'
        @(Get-Upload | ForEach-Object { $_.statusCode }) | Should -Be @(200, 200)
    }

    It 'writes an error for a missing file or a folder and goes on with the rest' {
        $missing = Join-Path $Audio 'missing.wav'
        $results = @(ConvertFrom-TokenLabAudio -LiteralPath $missing, $Audio, $Short.FullName -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        @($failures).Count | Should -Be 2
        foreach ($failure in $failures) {
            $failure.FullyQualifiedErrorId | Should -BeLike 'TokenLab.AudioFileNotFound,*'
            $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
        $failures[0].TargetObject | Should -Be $missing
        (Get-Upload).Count | Should -Be 1
    }
}

Describe 'ConvertFrom-TokenLabAudio: response formats' {
    BeforeAll {
        Reset-TestState
        $Reference = ConvertFrom-TokenLabAudio -Path $Standup.FullName -ResponseFormat verbose_json
    }

    BeforeEach { Clear-EmulatorRequest }

    It '-ResponseFormat <Format> gives the same object shape' -ForEach $FormatCases {
        $result = ConvertFrom-TokenLabAudio -Path $Standup.FullName -ResponseFormat $Format
        $result.GetType().FullName | Should -Be 'TokenLab.PowerShell.Output.TokenLabTranscript'
        $result.Text | Should -Be $Reference.Text
        $result.Model | Should -Be 'whisper-1'
        $result.Task | Should -Be 'transcribe'
        $result.RequestId | Should -Match '^req_'
        $result.Source | Should -Be $Standup.FullName
        if ($Timed) {
            @($result.Segments | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Id, $_.Start, $_.End, $_.Text }) |
                Should -Be @($Reference.Segments | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Id, $_.Start, $_.End, $_.Text })
        }
        else {
            @($result.Segments).Count | Should -Be 0
        }
    }

    It 'fills language, duration, segments with their extra fields, and words on request' {
        $result = ConvertFrom-TokenLabAudio -Path $Standup.FullName -TimestampGranularity word, segment
        $result.Language | Should -Be 'english'
        $result.Duration | Should -Be ([TimeSpan]::FromSeconds(12))
        $result.Segments[0].Start | Should -BeOfType [TimeSpan]
        $result.Segments[0].AvgLogprob | Should -Not -BeNullOrEmpty
        $result.Segments[0].NoSpeechProb | Should -Not -BeNullOrEmpty
        @($result.Words).Count | Should -Be (@($result.Text -split ' ')).Count
        $result.Words[0].Word | Should -Match '^\w+$'
        $result.AdditionalFields['usage']['type'] | Should -Be 'duration'
        $result.Format | Should -Be 'VerboseJson'
    }

    It 'asks a json-only model for json at once, from the output formats its catalog details list' {
        $result = ConvertFrom-TokenLabAudio -Path $Short.FullName -Model gpt-4o-transcribe
        $result.Format | Should -Be 'Json'
        $result.Text | Should -Not -BeNullOrEmpty
        @(Get-Upload | ForEach-Object { $_.statusCode }) | Should -Be @(200)
    }

    It 'falls back to json only for a model the catalog does not describe, and the unreadable catalog fails nothing' {
        Clear-TokenLabCatalogCache
        Add-EmulatorFault -Match '/v1/models/gpt-4o-transcribe' -Status 404 -Code model_not_found -Count 5
        $output = @(ConvertFrom-TokenLabAudio -Path $Short.FullName -Model gpt-4o-transcribe -Verbose 4>&1)
        $result = $output | Where-Object { $_ -is [TokenLab.PowerShell.Output.TokenLabTranscript] }
        $result.Format | Should -Be 'Json'
        $result.EstimatedCost | Should -BeNullOrEmpty
        @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'No EstimatedCost: the details of gpt-4o-transcribe could not be read*' }).Count | Should -Be 1
        @(Get-Upload | ForEach-Object { $_.statusCode }) | Should -Be @(400, 200)
        Clear-TokenLabCatalogCache
    }

    It 'carries an EstimatedCost from the catalog price and the audio seconds billed' {
        $result = ConvertFrom-TokenLabAudio -Path $Standup.FullName -ResponseFormat verbose_json
        $seconds = [decimal]$result.AdditionalFields['usage']['seconds']
        $result.EstimatedCost.Currency | Should -Be 'USD'
        $result.EstimatedCost.Amount | Should -Be ([math]::Round([decimal]0.006 * $seconds / 60, 6))
        $result.EstimatedCost.Amount | Should -BeGreaterThan 0
        $result.EstimatedCost.Basis | Should -BeLike "$seconds seconds of audio at *"
    }

    It 'keeps a format the user asked for and reports the refusal' {
        { ConvertFrom-TokenLabAudio -Path $Short.FullName -Model gpt-4o-transcribe -ResponseFormat srt -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenLab.InvalidRequest,*'
        (Get-Upload).Count | Should -Be 1
    }

    It 'refuses timestamps without verbose_json before sending' {
        { ConvertFrom-TokenLabAudio -Path $Short.FullName -ResponseFormat srt -TimestampGranularity word -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenLab.ConflictingParameters,*'
        (Get-Upload).Count | Should -Be 0
    }
}

Describe 'ConvertFrom-TokenLabAudio: subtitles' {
    BeforeEach { Reset-TestState }

    It 'saves SRT that matches the hand-written file' {
        $out = Join-Path $TestDrive 'meeting.srt'
        $result = ConvertFrom-TokenLabAudio -Path $Meeting.FullName -OutFile $out
        Read-Text $out | Should -BeExactly (Read-Text (Join-Path $Expected 'meeting.srt'))
        $result.ToSrt() | Should -BeExactly (Read-Text (Join-Path $Expected 'meeting.srt'))
        $result.OutFile.FullName | Should -Be $out
    }

    It 'saves WebVTT that matches the hand-written file' {
        $out = Join-Path $TestDrive 'meeting.vtt'
        $result = ConvertFrom-TokenLabAudio -Path $Meeting.FullName -OutFile $out
        Read-Text $out | Should -BeExactly (Read-Text (Join-Path $Expected 'meeting.vtt'))
        $result.ToVtt() | Should -BeExactly (Read-Text (Join-Path $Expected 'meeting.vtt'))
    }

    It 'renders the same subtitles from an srt or vtt response as from verbose_json' {
        (ConvertFrom-TokenLabAudio -Path $Meeting.FullName -ResponseFormat srt).ToSrt() | Should -BeExactly (Read-Text (Join-Path $Expected 'meeting.srt'))
        (ConvertFrom-TokenLabAudio -Path $Meeting.FullName -ResponseFormat vtt).ToVtt() | Should -BeExactly (Read-Text (Join-Path $Expected 'meeting.vtt'))
    }

    It 'saves text and JSON, and -As overrides the extension' {
        $text = Join-Path $TestDrive 'meeting.txt'
        $json = Join-Path $TestDrive 'meeting.data'
        $null = ConvertFrom-TokenLabAudio -Path $Meeting.FullName -OutFile $text
        $null = ConvertFrom-TokenLabAudio -Path $Meeting.FullName -OutFile $json -As Json
        Read-Text $text | Should -BeExactly ($MeetingText + "`n")
        $saved = Get-Content -LiteralPath $json -Raw | ConvertFrom-Json
        $saved.text | Should -Be $MeetingText
        @($saved.segments).Count | Should -Be 3
        $saved.usage.type | Should -Be 'duration'
    }

    It 'refuses subtitles from a format without timings before sending' {
        { ConvertFrom-TokenLabAudio -Path $Meeting.FullName -ResponseFormat text -OutFile (Join-Path $TestDrive 'x.srt') -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenLab.ConflictingParameters,*'
        (Get-Upload).Count | Should -Be 0
    }
}

Describe 'ConvertFrom-TokenLabAudio: saving, rerun and -WhatIf' {
    BeforeEach {
        Reset-TestState
        $Out = Join-Path $TestDrive ('out-' + [guid]::NewGuid().ToString('N'))
    }

    It 'skips inputs whose transcript -OutDirectory already holds, with no upload' {
        $first = @(Get-ChildItem -Path $Audio -Filter *.wav | ConvertFrom-TokenLabAudio -OutDirectory $Out -As Json)
        Clear-EmulatorRequest
        $again = @(Get-ChildItem -Path $Audio -Filter *.wav | ConvertFrom-TokenLabAudio -OutDirectory $Out -As Json)
        @($first | Where-Object { $_.Skipped }).Count | Should -Be 0
        @($again | Where-Object { $_.Skipped }).Count | Should -Be 3
        (Get-Upload).Count | Should -Be 0
        $meetingAgain = $again | Where-Object { $_.Source -eq $Meeting.FullName }
        $meetingAgain.Text | Should -Be $MeetingText
        @($meetingAgain.Segments).Count | Should -Be 3
        $meetingAgain.OutFile.FullName | Should -Be (Join-Path $Out 'meeting.json')
        @(Get-ChildItem -LiteralPath $Out -Force | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @('meeting.json', 'short.json', 'standup.json')
    }

    It 'resumes a stopped job: only the inputs without a transcript are sent' {
        $null = ConvertFrom-TokenLabAudio -Path $Short.FullName -OutDirectory $Out
        Clear-EmulatorRequest
        $results = @(Get-ChildItem -Path $Audio -Filter *.wav | ConvertFrom-TokenLabAudio -OutDirectory $Out)
        @($results | Where-Object { $_.Skipped } | ForEach-Object { $_.Source }) | Should -Be @($Short.FullName)
        (Get-Upload).Count | Should -Be 2
    }

    It 'transcribes again, without -Force, a recording that changed after its transcript was saved, and says so in -Verbose' {
        $recording = Join-Path $TestDrive ('retake-' + [guid]::NewGuid().ToString('N') + '.wav')
        $null = New-TestWav -Path $recording -Seconds 3 -Text 'First take.'
        $first = ConvertFrom-TokenLabAudio -Path $recording -OutDirectory $Out
        $saved = $first.OutFile.FullName
        $null = New-TestWav -Path $recording -Seconds 3 -Text 'Second take.'
        # However coarse the file system's clock: the recording is newer than its transcript.
        [System.IO.File]::SetLastWriteTimeUtc($saved, [DateTime]::UtcNow.AddMinutes(-10))
        [System.IO.File]::SetLastWriteTimeUtc($recording, [DateTime]::UtcNow.AddMinutes(-5))
        Clear-EmulatorRequest

        $again = ConvertFrom-TokenLabAudio -Path $recording -OutDirectory $Out -Verbose 4>&1
        $verbose = @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        $transcript = @($again | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })

        $transcript.Count | Should -Be 1
        $transcript[0].Skipped | Should -BeFalse
        $transcript[0].Text | Should -Be 'Second take.'
        (Read-Text $saved).Trim() | Should -Be 'Second take.'
        (Get-Upload).Count | Should -Be 1
        ($verbose -join "`n") | Should -BeLike '*older than*changed since*transcribing it again*'

        Clear-EmulatorRequest
        $third = ConvertFrom-TokenLabAudio -Path $recording -OutDirectory $Out
        $third.Skipped | Should -BeTrue
        (Get-Upload).Count | Should -Be 0
    }

    It 'sends again and replaces with -Force' {
        $null = ConvertFrom-TokenLabAudio -Path $Short.FullName -OutDirectory $Out
        Clear-EmulatorRequest
        $result = ConvertFrom-TokenLabAudio -Path $Short.FullName -OutDirectory $Out -Force
        $result.Skipped | Should -BeFalse
        (Get-Upload).Count | Should -Be 1
    }

    It 'never overwrites an -OutFile without -Force, and sends nothing then' {
        $target = Join-Path $TestDrive 'kept.txt'
        Set-Content -LiteralPath $target -Value 'keep me'
        { ConvertFrom-TokenLabAudio -Path $Short.FullName -OutFile $target -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.FileExists,*'
        (Get-Content -LiteralPath $target) | Should -Be 'keep me'
        (Get-Upload).Count | Should -Be 0
        $null = ConvertFrom-TokenLabAudio -Path $Short.FullName -OutFile $target -Force
        (Get-Content -LiteralPath $target) | Should -Not -Be 'keep me'
    }

    It 'leaves no file and no temporary file when the call fails' {
        Add-EmulatorFault -Match '/v1/audio/*' -Status 500 -Count 5
        $target = Join-Path $Out 'failed.srt'
        $null = New-Item -ItemType Directory -Path $Out
        ConvertFrom-TokenLabAudio -Path $Short.FullName -OutFile $target -MaxRetries 0 -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ServerError,*'
        @(Get-ChildItem -LiteralPath $Out -Force).Count | Should -Be 0
    }

    It 'sends nothing and writes nothing with -WhatIf' {
        $results = @(ConvertFrom-TokenLabAudio -Path $Short.FullName -OutDirectory $Out -WhatIf)
        $results.Count | Should -Be 0
        (Get-Upload).Count | Should -Be 0
        Test-Path -LiteralPath $Out | Should -BeFalse
    }

    It 'transcribes a piped file whose name holds [ ], though it binds -Path, where [ ] is a wildcard' {
        $speech = New-TokenLabSpeech 'Take one.' -Format wav -OutFile (Join-Path $TestDrive ('take[1]-' + [guid]::NewGuid().ToString('N') + '.wav'))
        Clear-EmulatorRequest
        $results = @($speech | ConvertFrom-TokenLabAudio)
        $results.Count | Should -Be 1
        $results[0].Source | Should -Be $speech.Path.FullName
        $results[0].Text | Should -Be 'Take one.'
        (Get-Upload).Count | Should -Be 1
    }

    It 'refuses a second recording of the same name from another folder, instead of mixing up their transcripts' {
        $other = Join-Path $TestDrive ('other-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $other
        $twin = New-TestWav -Path (Join-Path $other 'short.wav') -Seconds 2
        $results = @(ConvertFrom-TokenLabAudio -Path $Short.FullName, $twin.FullName -OutDirectory $Out -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $results[0].Source | Should -Be $Short.FullName
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.OutFileReused,*'
        $failures[0].Exception.Message | Should -BeLike "*$($twin.FullName)*"
        (Get-Upload).Count | Should -Be 1
    }

    It 'refuses -OutFile for a second input and goes on' {
        $target = Join-Path $TestDrive ('one-' + [guid]::NewGuid().ToString('N') + '.txt')
        $results = @(ConvertFrom-TokenLabAudio -Path $Short.FullName, $Standup.FullName -OutFile $target -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.OutFileReused,*'
        (Get-Upload).Count | Should -Be 1
    }
}

Describe 'ConvertFrom-TokenLabAudio: translation and language' {
    BeforeEach { Reset-TestState }

    It 'translates through /v1/audio/translations' {
        $result = ConvertFrom-TokenLabAudio -Path $Meeting.FullName -Translate
        $result.Task | Should -Be 'translate'
        $result.Language | Should -Be 'english'
        @(Get-Upload | ForEach-Object { $_.path }) | Should -Be @('/v1/audio/translations')
    }

    It 'refuses -Language with -Translate before sending' {
        { ConvertFrom-TokenLabAudio -Path $Meeting.FullName -Translate -Language de -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.UnsupportedParameter,*'
        (Get-Upload).Count | Should -Be 0
    }

    It 'refuses -TimestampGranularity with -Translate before sending (translations take no timestamp_granularities)' {
        { ConvertFrom-TokenLabAudio -Path $Meeting.FullName -Translate -TimestampGranularity word -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.UnsupportedParameter,*'
        (Get-Upload).Count | Should -Be 0
    }

    It 'converts -Language <Given> to the ISO code' -ForEach @(
        @{ Given = 'de' }, @{ Given = 'German' }, @{ Given = 'de-DE' }, @{ Given = 'GERMAN' }
    ) {
        (ConvertFrom-TokenLabAudio -Path $Short.FullName -Language $Given).Language | Should -Be 'german'
    }

    It 'refuses a language it does not know before sending' {
        { ConvertFrom-TokenLabAudio -Path $Short.FullName -Language Klingon -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.LanguageNotRecognized,*'
        (Get-Upload).Count | Should -Be 0
    }
}

Describe 'ConvertFrom-TokenLabAudio: the 25 MB limit and -Split' {
    BeforeAll {
        Reset-TestState
        $Big = Join-Path $TestDrive 'big'
        $null = New-Item -ItemType Directory -Path $Big
        # 48 kHz 16-bit mono: 96000 bytes a second; 300 s is 28.8 MB. A part holds at most 24,000,000
        # bytes (250 s), and the quiet stretch just before that is where the cut goes.
        $LongWav = New-TestWav -Path (Join-Path $Big 'town-hall.wav') -Seconds 300 -SampleRate 48000 -Silence @(, @(240.0, 240.5))
        # 72,000 frames of 417 bytes: 30 MB, 1880.8 s; a part holds 57,553 frames.
        $Mp3Frames = 72000
        $LongMp3 = New-TestMp3 -Path (Join-Path $Big 'podcast.mp3') -Frames $Mp3Frames
    }

    BeforeEach { Clear-EmulatorRequest }

    It 'refuses audio over 25 MB without -Split, naming -Split, and sends nothing' {
        { ConvertFrom-TokenLabAudio -Path $LongWav.FullName -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.AudioFileTooLarge,*'
        try { ConvertFrom-TokenLabAudio -Path $LongWav.FullName -ErrorAction Stop } catch { $failure = $_ }
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-Split'
        $failure.TargetObject | Should -Be $LongWav.FullName
        (Get-Upload).Count | Should -Be 0
    }

    It 'accepts exactly 25 MB and refuses one byte more' {
        $limit = 25 * 1024 * 1024
        $atLimit = New-SizedFile -Path (Join-Path $Big 'limit.ogg') -Bytes $limit
        $over = New-SizedFile -Path (Join-Path $Big 'over.ogg') -Bytes ($limit + 1)
        (ConvertFrom-TokenLabAudio -Path $atLimit.FullName -ResponseFormat json).Text | Should -Not -BeNullOrEmpty
        { ConvertFrom-TokenLabAudio -Path $over.FullName -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.AudioFileTooLarge,*'
        (Get-Upload).Count | Should -Be 1
    }

    It 'says which formats -Split handles for other audio over the limit' {
        $over = New-SizedFile -Path (Join-Path $Big 'long.flac') -Bytes (26 * 1024 * 1024)
        try { ConvertFrom-TokenLabAudio -Path $over.FullName -Split -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'TokenLab.SplitNotSupported,*'
        $failure.Exception.Message | Should -Match 'WAV and MP3'
        (Get-Upload).Count | Should -Be 0
    }

    It 'refuses an audio format the API does not accept' {
        $notes = New-SizedFile -Path (Join-Path $Big 'notes.txt') -Bytes 100
        { ConvertFrom-TokenLabAudio -Path $notes.FullName -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.AudioFormatNotSupported,*'
        (Get-Upload).Count | Should -Be 0
    }

    It 'splits a WAV on sample boundaries, near silence, and merges the times' {
        $result = ConvertFrom-TokenLabAudio -Path $LongWav.FullName -Split -TimestampGranularity segment, word
        $result.Parts | Should -Be 2
        (Get-Upload).Count | Should -Be 2
        @($result.RequestId -split ', ').Count | Should -Be 2
        Assert-Contiguous -Transcript $result -TotalSeconds 300
        # The second part starts inside the quiet stretch.
        $cut = @($result.Segments | Where-Object { $_.Start.TotalSeconds -ge 240.0 -and $_.Start.TotalSeconds -le 240.5 })
        $cut.Count | Should -Be 1
        $words = @($result.Words)
        $words[-1].End.TotalSeconds | Should -BeGreaterThan 299
        @($words | Where-Object { $_.Start -ge $cut[0].Start }).Count | Should -BeGreaterThan 0
    }

    It 'splits an MP3 on frame boundaries and merges the times' {
        $result = ConvertFrom-TokenLabAudio -Path $LongMp3.FullName -Split
        $result.Parts | Should -Be 2
        Assert-Contiguous -Transcript $result -TotalSeconds (Get-Mp3FrameSeconds $Mp3Frames)
        # Constant bitrate: the cut is at the last frame that fits in 24,000,000 bytes.
        $boundary = Get-Mp3FrameSeconds 57553
        @($result.Segments | Where-Object { [math]::Abs($_.Start.TotalSeconds - $boundary) -le 0.001 }).Count | Should -Be 1
    }
}

Describe 'ConvertFrom-TokenLabAudio: asynchronous tasks' {
    BeforeEach { Reset-TestState }

    It 'polls an accepted task to its transcript' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 1500 }
        $result = ConvertFrom-TokenLabAudio -Path $Meeting.FullName
        $result.Text | Should -Be $MeetingText
        @($result.Segments).Count | Should -Be 3
        $result.TaskId | Should -Match '^ldtask_[0-9a-f]{32}$'
        $polls = @(Get-EmulatorRequest -Path '/v1/tasks/*')
        $polls.Count | Should -BeGreaterThan 0
        foreach ($poll in $polls) { $poll.path | Should -Be ('/v1/tasks/' + $result.TaskId) }
    }

    It 'writes an error with the task ID for a <Outcome> task' -ForEach @(
        @{ Outcome = 'failed'; Id = 'TokenLab.TaskFailed'; Category = 'InvalidResult' }
        @{ Outcome = 'cancelled'; Id = 'TokenLab.TaskCancelled'; Category = 'OperationStopped' }
    ) {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 0; taskOutcome = $Outcome }
        $results = @(ConvertFrom-TokenLabAudio -Path $Short.FullName, $Standup.FullName -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $failures[0].CategoryInfo.Category | Should -Be $Category
        $failures[0].Exception.TaskId | Should -Match '^ldtask_'
        $failures[0].Exception.Message | Should -Match $failures[0].Exception.TaskId
        $failures[0].ErrorDetails.RecommendedAction | Should -Match $failures[0].Exception.TaskId
    }

    It 'reports Format Text for a text task whose result comes as a top-level text' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 600000 }
        Add-EmulatorFault -Match '/v1/tasks/*' -Status 200 -ContentType 'application/json' -RawBody '{"id":"ldtask_0","status":"completed","text":"Done as text."}'
        $result = ConvertFrom-TokenLabAudio -Path $Short.FullName -ResponseFormat text
        $result.Text | Should -Be 'Done as text.'
        $result.Format | Should -Be 'Text'
    }

    It 'stops at the timeout, naming the task' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 600000 }
        $failure = $null
        try { ConvertFrom-TokenLabAudio -Path $Short.FullName -TimeoutSec 2 -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'TokenLab.Timeout,*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.Exception.Message | Should -Match 'ldtask_'
    }
}

Describe 'ConvertFrom-TokenLabAudio: progress' {
    BeforeEach { Reset-TestState }

    It 'shows the upload in bytes, then processing with the elapsed time, then completes' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind latency -LatencyMs 1500
        $run = Invoke-InRunspace -ScriptBlock {
            param($Path, $BaseUri, $Key)
            ConvertFrom-TokenLabAudio -Path $Path -BaseUri $BaseUri -ApiKey $Key
        } -Argument $Standup.FullName, $BaseUri, $Key
        try {
            $run.Shell.HadErrors | Should -BeFalse
            $records = @($run.Shell.Streams.Progress | Where-Object { $_.Activity -eq 'Transcribing standup.wav' })
            $uploading = @($records | Where-Object { $_.StatusDescription -like 'Uploading *' })
            $uploading.Count | Should -BeGreaterThan 0
            $uploading[-1].StatusDescription | Should -Match 'Uploading 375\.0 KB of 375\.0 KB'
            $uploading[-1].PercentComplete | Should -Be 100
            $processing = @($records | Where-Object { $_.StatusDescription -like 'Processing, *' })
            $processing.Count | Should -BeGreaterThan 1 -Because 'the elapsed time is refreshed while the service works'
            $processing[0].StatusDescription | Should -Match 'Processing, \d\d:\d\d elapsed'
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { Close-InRunspace $run }
    }

    It 'shows the state of an accepted task' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 1500 }
        $run = Invoke-InRunspace -ScriptBlock {
            param($Path, $BaseUri, $Key)
            ConvertFrom-TokenLabAudio -Path $Path -BaseUri $BaseUri -ApiKey $Key
        } -Argument $Short.FullName, $BaseUri, $Key
        try {
            $states = @($run.Shell.Streams.Progress | Where-Object { $_.StatusDescription -like 'Task ldtask_*' } | ForEach-Object { $_.StatusDescription })
            $states[0] | Should -Match '^Task ldtask_[0-9a-f]{32} pending'
        }
        finally { Close-InRunspace $run }
    }

    It 'adds an overall bar over several inputs' {
        $run = Invoke-InRunspace -ScriptBlock {
            param($Paths, $BaseUri, $Key)
            $Paths | ConvertFrom-TokenLabAudio -BaseUri $BaseUri -ApiKey $Key
        } -Argument (, @($Short.FullName, $Standup.FullName)), $BaseUri, $Key
        try {
            $overall = @($run.Shell.Streams.Progress | Where-Object { $_.Activity -eq 'Transcribing audio' })
            @($overall | Where-Object { $_.StatusDescription -eq '2 of 2 done' }).Count | Should -Be 1
            $overall[-1].RecordType | Should -Be 'Completed'
            $children = @($run.Shell.Streams.Progress | Where-Object { $_.Activity -eq 'Transcribing standup.wav' })
            $children[0].ParentActivityId | Should -Be $overall[0].ActivityId
        }
        finally { Close-InRunspace $run }
    }
}

Describe 'ConvertFrom-TokenLabAudio: speech round trip' {
    BeforeEach {
        Reset-TestState
        $Spoken = Join-Path $TestDrive ('spoken-' + [guid]::NewGuid().ToString('N'))
    }

    It 'transcribes New-TokenLabSpeech <Format> output back to its text' -ForEach @(@{ Format = 'wav' }, @{ Format = 'mp3' }) {
        $text = 'Hello from the round trip. Is every word back?'
        $result = New-TokenLabSpeech -Text $text -Format $Format -OutDirectory $Spoken | ConvertFrom-TokenLabAudio
        $result.Text | Should -Be $text
        $result.Model | Should -Be 'whisper-1' -Because 'the speech result names the speech model, which is no transcription model'
        @($result.Segments | ForEach-Object { $_.Text }) | Should -Be @('Hello from the round trip.', 'Is every word back?')
        $result.Source | Should -BeLike "*.$Format"
        @(Get-Upload | ForEach-Object { $_.path }) | Should -Be @('/v1/audio/speech', '/v1/audio/transcriptions')
    }

    It 'turns many spoken lines back into their text, in order' {
        $lines = 'First line.', 'Second line.', 'Third line.'
        $results = @($lines | New-TokenLabSpeech -Format wav -OutDirectory $Spoken -Ordered | ConvertFrom-TokenLabAudio -Ordered)
        @($results | ForEach-Object { $_.Text }) | Should -Be $lines
    }
}

Describe 'ConvertFrom-TokenLabAudio: concurrency' {
    BeforeAll {
        $Batch = Join-Path $TestDrive 'batch'
        $null = New-Item -ItemType Directory -Path $Batch
        $BatchFiles = @(foreach ($name in 'first', 'second', 'third', 'fourth') {
                (New-TestWav -Path (Join-Path $Batch "$name.wav") -Seconds 2).FullName
            })

        # Pairs of uploads whose times overlapped: one started before the other had ended.
        function Get-OverlapCount {
            $uploads = @(Get-Upload)
            $count = 0
            for ($i = 0; $i -lt $uploads.Count; $i++) {
                for ($j = $i + 1; $j -lt $uploads.Count; $j++) {
                    if ([DateTimeOffset]$uploads[$j].timestamp -lt [DateTimeOffset]$uploads[$i].completedAt) { $count++ }
                }
            }
            $count
        }
    }

    BeforeEach { Reset-TestState }

    It 'sends up to -ThrottleLimit files at once' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind latency -LatencyMs 600 -Count 0
        $results = @($BatchFiles | ConvertFrom-TokenLabAudio -ThrottleLimit 4)
        $results.Count | Should -Be 4
        Get-OverlapCount | Should -BeGreaterThan 0
    }

    It 'sends one at a time with -ThrottleLimit 1' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind latency -LatencyMs 100 -Count 0
        $null = $BatchFiles | ConvertFrom-TokenLabAudio -ThrottleLimit 1
        Get-OverlapCount | Should -Be 0
    }

    It 'writes results as they finish, or in input order with -Ordered' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind latency -LatencyMs 1500 -BodyContains 'first.wav' -Count 2
        $asFinished = @($BatchFiles | ConvertFrom-TokenLabAudio | ForEach-Object { Split-Path -Leaf $_.Source })
        $inOrder = @($BatchFiles | ConvertFrom-TokenLabAudio -Ordered | ForEach-Object { Split-Path -Leaf $_.Source })
        $asFinished[-1] | Should -Be 'first.wav'
        $inOrder | Should -Be @('first.wav', 'second.wav', 'third.wav', 'fourth.wav')
    }

    It 'tags the verbose lines of each input with its number and file name, and those of a single input not at all' {
        $verbose = @($BatchFiles | ConvertFrom-TokenLabAudio -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        @($verbose | Where-Object { $_ -like '*POST *' }).Count | Should -Be 4
        $names = 'first', 'second', 'third', 'fourth'
        for ($i = 0; $i -lt $names.Count; $i++) {
            $tag = '[#{0} {1}-wav] ' -f ($i + 1), $names[$i]
            @($verbose | Where-Object { $_.StartsWith($tag + 'POST ') }).Count | Should -Be 1 -Because "the upload of $($names[$i]).wav is tagged as its own"
            @($verbose | Where-Object { $_.StartsWith($tag + '200 ') }).Count | Should -BeGreaterOrEqual 1 -Because "the answer to $($names[$i]).wav is tagged as its own"
        }
        $single = @(ConvertFrom-TokenLabAudio -Path $BatchFiles[0] -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        @($single | Where-Object { $_ -like 'POST *' }).Count | Should -Be 1
        @($single | Where-Object { $_ -like '`[#*' }).Count | Should -Be 0
    }

    It 'with -ErrorAction Stop, writes the transcripts of the files already sent before the error ends it, and sends no more' {
        Add-EmulatorFault -Match '/v1/audio/*' -Status 402 -BodyContains 'second.wav' -Count 0
        Add-EmulatorFault -Match '/v1/audio/*' -Kind latency -LatencyMs 2000 -Count 0
        $more = @($BatchFiles) + @(Get-ChildItem -LiteralPath $Audio -Filter *.wav | ForEach-Object { $_.FullName })
        $seen = New-Object System.Collections.Generic.List[object]
        { $more | ConvertFrom-TokenLabAudio -ThrottleLimit 4 -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } |
            Should -Throw -ErrorId 'TokenLab.InsufficientBalance,TokenLab.PowerShell.Commands.ConvertFromTokenLabAudioCommand'
        @($seen | ForEach-Object { Split-Path -Leaf $_.Source } | Sort-Object) | Should -Be @('first.wav', 'fourth.wav', 'third.wav')
        @(Get-Upload).Count | Should -Be 4 -Because 'nothing is sent after the error'
    }

    It 'writes an error for the file that fails, and the others go on' {
        Add-EmulatorFault -Match '/v1/audio/*' -Status 500 -BodyContains 'third.wav' -Count 5
        $results = @($BatchFiles | ConvertFrom-TokenLabAudio -MaxRetries 0 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 3
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ServerError,*'
        $failures[0].TargetObject | Should -Be $BatchFiles[2]
    }
}

Describe 'ConvertFrom-TokenLabAudio: Ctrl+C' {
    BeforeAll {
        # 20 MB: more than the socket buffers hold, so the upload is still running when it is stopped.
        $Large = New-SizedFile -Path (Join-Path $TestDrive 'large.ogg') -Bytes (20 * 1024 * 1024)
    }

    BeforeEach { Reset-TestState }

    It 'aborts the upload at once and leaves no transcript file' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind latency -LatencyMs 120000
        $out = Join-Path $TestDrive ('stopped-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $out
        $run = Invoke-InRunspace -NoWait -ScriptBlock {
            param($Path, $Out, $BaseUri, $Key)
            ConvertFrom-TokenLabAudio -Path $Path -OutFile (Join-Path $Out 'large.txt') -BaseUri $BaseUri -ApiKey $Key
        } -Argument $Large.FullName, $out, $BaseUri, $Key
        try {
            $uploading = Wait-TestCondition { @($run.Shell.Streams.Progress | Where-Object { $_.StatusDescription -like 'Uploading *' -and $_.PercentComplete -gt 0 }).Count -gt 0 }
            $uploading | Should -BeTrue -Because 'the upload had started'
            $null = $run.Shell.BeginStop($null, $null)
            # The server holds the request for two minutes: a stop that waited for it would not end within the bound.
            Wait-TestCondition { $run.Shell.InvocationStateInfo.State -eq 'Stopped' } | Should -BeTrue
            $run.Output.Count | Should -Be 0
            @(Get-ChildItem -LiteralPath $out -Force).Count | Should -Be 0
            @(Get-Upload | Where-Object { $null -ne $_.statusCode }).Count | Should -Be 0 -Because 'the client went away before any response'
        }
        finally { Close-InRunspace $run }
    }

    It 'stops polling an accepted task at once' {
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 600000 }
        $run = Invoke-InRunspace -NoWait -ScriptBlock {
            param($Path, $BaseUri, $Key)
            ConvertFrom-TokenLabAudio -Path $Path -BaseUri $BaseUri -ApiKey $Key
        } -Argument $Short.FullName, $BaseUri, $Key
        try {
            Wait-TestCondition { @(Get-EmulatorRequest -Path '/v1/tasks/*').Count -gt 0 } | Should -BeTrue -Because 'polling had started'
            $null = $run.Shell.BeginStop($null, $null)
            Wait-TestCondition { $run.Shell.InvocationStateInfo.State -eq 'Stopped' } | Should -BeTrue
            $run.Output.Count | Should -Be 0
        }
        finally { Close-InRunspace $run }
    }
}

Describe 'ConvertFrom-TokenLabAudio: errors and delivery policy' {
    BeforeEach { Reset-TestState }

    It 'writes the documented error record for a <Status> and carries the request ID' -ForEach @(
        @{ Status = 401; Id = 'TokenLab.AuthenticationFailed'; Category = 'AuthenticationError' }
        @{ Status = 402; Id = 'TokenLab.InsufficientBalance'; Category = 'QuotaExceeded' }
        @{ Status = 413; Id = 'TokenLab.PayloadTooLarge'; Category = 'LimitsExceeded' }
        @{ Status = 429; Id = 'TokenLab.RateLimitExceeded'; Category = 'LimitsExceeded' }
        @{ Status = 503; Id = 'TokenLab.ServiceUnavailable'; Category = 'ResourceUnavailable' }
    ) {
        Add-EmulatorFault -Match '/v1/audio/*' -Status $Status -Count 5
        try { ConvertFrom-TokenLabAudio -Path $Short.FullName -MaxRetries 0 -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $failure.CategoryInfo.Category | Should -Be $Category
        $failure.Exception.RequestId | Should -Be (Get-Upload)[0].requestId
        $failure.TargetObject | Should -Be $Short.FullName
    }

    It 'refuses a missing key before reading any input' {
        Disconnect-TokenLab
        { ConvertFrom-TokenLabAudio -Path $Short.FullName -BaseUri $BaseUri -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.ApiKeyMissing,*'
        (Get-Upload).Count | Should -Be 0
    }

    It 'sends -DeliveryPolicy, else the Connect-TokenLab one' {
        $null = ConvertFrom-TokenLabAudio -Path $Short.FullName -DeliveryPolicy verified
        Connect-TokenLab -BaseUri $BaseUri -ApiKey $Key -DeliveryPolicy official
        $null = ConvertFrom-TokenLabAudio -Path $Short.FullName
        $null = ConvertFrom-TokenLabAudio -Path $Short.FullName -DeliveryPolicy auto
        @(Get-Upload | ForEach-Object { Get-RecordedHeader -Request $_ -Name 'X-TokenLab-Delivery-Policy' }) | Should -Be @('verified', 'official', 'auto')
    }

    It 'sends no delivery policy when none is set' {
        $null = ConvertFrom-TokenLabAudio -Path $Short.FullName
        Get-RecordedHeader -Request (Get-Upload)[0] -Name 'X-TokenLab-Delivery-Policy' | Should -BeNullOrEmpty
    }
}
