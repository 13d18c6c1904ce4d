# -WhatIf states what would be sent and how the model is billed, from the catalog: unit, price and an
# estimate where the unit counts something known before sending. Nothing is sent but the catalog, whose
# details are read once per model and session (each test starts with an empty catalog cache).
# Windows PowerShell 5.1 must be able to parse this file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AudioTestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri
    $Key = $Test.ApiKey
    $Out = Join-Path $TestDrive 'out'
    $Wav = New-TestWav -Path (Join-Path $TestDrive 'ninety-seconds.wav') -Seconds 90

    # The -WhatIf lines the block wrote to the host, on one line each however the host wrapped them.
    function Get-WhatIfText {
        param([Parameter(Mandatory = $true)] [scriptblock] $ScriptBlock)
        $capture = Invoke-WithFullCapture $ScriptBlock
        $capture.Errors | Should -BeNullOrEmpty
        ($capture.Transcript -replace '\s+', ' ')
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe '-WhatIf cost statements' {
    BeforeEach {
        Reset-Emulator
        Clear-TokenLabCatalogCache
        Disconnect-TokenLab
        Connect-TokenLab -BaseUri $BaseUri -ApiKey $Key
    }

    It 'New-TokenLabSpeech states the characters, the billing unit, the catalog price and an estimate, and sends nothing' {
        $text = Get-WhatIfText { New-TokenLabSpeech -Text ('x' * 2000) -OutDirectory $Out -WhatIf }
        $text | Should -BeLike '*Generate speech (tts-1, voice alloy, mp3; 2,000 characters in 1 request;*'
        $text | Should -BeLike '*tts-1 is billed per 1M characters at $15.00 per 1M input characters (TokenLab catalog); 2,000 characters: about 0.03 USD*'
        @(Get-EmulatorRequest -Path '/v1/audio/*').Count | Should -Be 0
        Test-Path -LiteralPath $Out | Should -BeFalse
    }

    It 'reads the catalog once per model for many inputs' {
        $text = Get-WhatIfText { 'one', 'two', 'three' | New-TokenLabSpeech -Model tts-1-hd -OutDirectory $Out -WhatIf }
        $text | Should -BeLike '*3 characters in 1 request; tts-1-hd is billed per 1M characters at $30.00 per 1M input characters*about 0.00009 USD*'
        $text | Should -BeLike '*5 characters in 1 request; tts-1-hd is billed*about 0.00015 USD*'
        @(Get-EmulatorRequest -Path '/v1/models/tts-1-hd').Count | Should -Be 1
    }

    It 'makes no estimate for a model billed by tokens, and says why' {
        $text = Get-WhatIfText { New-TokenLabSpeech -Text 'Hello' -Model gpt-4o-mini-tts -OutDirectory $Out -WhatIf }
        $text | Should -BeLike '*gpt-4o-mini-tts is billed per 1M tokens at $0.60 per 1M text input tokens, $12.00 per 1M audio output tokens (TokenLab catalog); the service counts the tokens, so no estimate is made*'
    }

    It 'still previews, without a price, when the catalog cannot be read' {
        Add-EmulatorFault -Match '/v1/models/tts-1' -Status 503 -Count 10
        $text = Get-WhatIfText { New-TokenLabSpeech -Text 'Hello' -OutDirectory $Out -MaxRetries 0 -WhatIf }
        $text | Should -BeLike '*Generate speech (tts-1*the price of tts-1 could not be read from the catalog (*'
        @(Get-EmulatorRequest -Path '/v1/audio/*').Count | Should -Be 0
    }

    It 'previews without a key, as the catalog is public, and sends nothing' {
        Disconnect-TokenLab
        $text = Get-WhatIfText { New-TokenLabSpeech -Text 'Hello' -OutDirectory $Out -BaseUri $BaseUri -WhatIf }
        $text | Should -BeLike '*Generate speech (tts-1*tts-1 is billed per 1M characters at $15.00 per 1M input characters*'
        @(Get-EmulatorRequest -Path '/v1/audio/*').Count | Should -Be 0
        { New-TokenLabSpeech -Text 'Hello' -OutDirectory $Out -BaseUri $BaseUri -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.ApiKeyMissing,*'
    }

    It 'without -WhatIf reads the details once per model and session (the voice and the EstimatedCost), not per command' {
        $null = New-TokenLabSpeech -Text 'Hello' -OutDirectory $Out
        $null = New-TokenLabSpeech -Text 'Hello again' -OutDirectory $Out
        @(Get-EmulatorRequest -Path '/v1/models*' | ForEach-Object { $_.path }) | Should -Be @('/v1/models/tts-1')
        @(Get-EmulatorRequest -Path '/v1/audio/speech').Count | Should -Be 2
    }

    It 'ConvertFrom-TokenLabAudio states the upload, the audio length and an estimate for a per-minute model' {
        $text = Get-WhatIfText { ConvertFrom-TokenLabAudio -Path $Wav.FullName -WhatIf }
        $text | Should -BeLike ('*Transcribe with whisper-1 (upload of *; whisper-1 is billed per minute of audio at $0.006 per minute of audio (TokenLab catalog); 1.5 minutes of audio: about 0.009 USD*')
        @(Get-EmulatorRequest -Path '/v1/audio/*').Count | Should -Be 0
    }

    It 'Start-TokenLabRealtime states the billing for a session and for a turn, and opens no socket' {
        $text = Get-WhatIfText {
            Start-TokenLabRealtime -Model gpt-realtime -WhatIf
            Start-TokenLabRealtime -Model gpt-realtime -Text 'Hello there' -OutFile (Join-Path $Out 'reply.wav') -WhatIf
        }
        $text | Should -BeLike '*Open a realtime session; gpt-realtime is billed per 1M tokens at * (TokenLab catalog), depending on options; the service counts the tokens*'
        $text | Should -BeLike '*Realtime turn with gpt-realtime (text of 11 characters); gpt-realtime is billed per 1M tokens*'
        @(Get-EmulatorRealtimeSession).Count | Should -Be 0
    }
}
