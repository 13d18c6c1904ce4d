# The API key must never show: not in output objects, ToString(), errors, exception messages or
# properties, -Verbose/-Debug text, -WhatIf text, $Error or the context display. Every exported
# cmdlet runs with a distinctive key, verbose and debug output on, against successful and failed
# responses; every stream, the host output (transcript) and $Error are captured, and neither the key
# nor any 6-character run of it that its mask ("sk-...abcd") does not already show may appear.
BeforeDiscovery {
    # Every cmdlet the module exports must have a leak scenario below (see 'covers every cmdlet').
    $script:FailureCases = @(
        @{ Name = '401'; Fault = @{ Status = 401; Count = 5 } }
        @{ Name = '429 with Retry-After, retried'; Fault = @{ Status = 429; RetryAfter = 1; Count = 1 }; Recovers = $true }
        @{ Name = '429 with a Retry-After beyond -MaxRetryWaitSec'; Fault = @{ Status = 429; RetryAfter = 120; Count = 5 } }
        @{ Name = '500'; Fault = @{ Status = 500; Count = 5 } }
        @{ Name = '502 HTML page'; Fault = @{ Status = 502; Count = 5; RawBody = '<html><body><h1>502 Bad Gateway</h1></body></html>'; ContentType = 'text/html' } }
        @{ Name = 'connection reset'; Fault = @{ Kind = 'reset'; Count = 5 } }
        @{ Name = 'response cut short'; Fault = @{ Kind = 'truncate'; Count = 5 } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AudioTestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri
    $LeakKey = Get-TestApiKey Leak
    $UnregisteredKey = 'sk-Zq4Lm8Kp2Vx6Bn0Tc3Hw5Jd'
    $MaskedLeakKey = 'sk-...' + (Get-KeyTail $LeakKey)
    $CoveredCmdlets = @('Connect-TokenLab', 'ConvertFrom-TokenLabAudio', 'Disconnect-TokenLab', 'Get-TokenLabContext', 'Get-TokenLabModel', 'New-TokenLabSpeech',
        'Start-TokenLabRealtime', 'Send-TokenLabRealtimeEvent', 'Send-TokenLabRealtimeAudio', 'Receive-TokenLabRealtimeEvent',
        'Stop-TokenLabRealtime', 'Get-TokenLabRealtime')
    $SavedModulePath = $env:PSModulePath

    # -Debug makes Windows PowerShell 5.1 ask at every debug line; there, $DebugPreference (set by the capture) is enough.
    $Diagnostics = @{ Verbose = $true }
    if ($PSVersionTable.PSVersion.Major -ge 7) { $Diagnostics.Debug = $true }

    function Assert-NoLeak {
        param($Capture, [string[]] $Key = @($LeakKey))
        foreach ($item in $Key) {
            $found = Find-KeyFragment -Text $Capture.Text -Key $item
            $found -join ', ' | Should -BeNullOrEmpty -Because 'no part of the key beyond its mask may be shown'
        }
    }

    # A failure case was really exercised: retried until it recovered, or reported as an error.
    function Assert-FailureSeen {
        param($Capture, $Recovers)
        if ($Recovers) {
            $Capture.Text | Should -BeLike '*Retrying*'
            return
        }
        $failures = @($Capture.Errors).Count + @($Capture.Items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count
        $failures | Should -BeGreaterThan 0
    }

    # The state every test starts from.
    function Reset-TestState {
        foreach ($session in @(Get-TokenLabRealtime)) { $null = Stop-TokenLabRealtime -Session $session }
        Disconnect-TokenLab
        Clear-TokenLabEnvironment
        Reset-Emulator
    }
}

AfterAll {
    $env:PSModulePath = $SavedModulePath
    Get-Module Microsoft.PowerShell.SecretManagement | Remove-Module -Force
    Complete-TokenLabTest
}

Describe 'Key leak' {
    BeforeEach { Reset-TestState }

    It 'covers every cmdlet the module exports' {
        @(Get-Command -Module TokenLab | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @($CoveredCmdlets | Sort-Object)
    }

    It 'the capture sees the key when it is shown (the check can fail)' {
        $capture = Invoke-WithFullCapture { Write-Verbose "key $LeakKey"; Write-Host ('x' + $LeakKey.Substring(5, 10)) }
        $found = Find-KeyFragment -Text $capture.Text -Key $LeakKey
        $found | Should -Contain $LeakKey
        $found | Should -Contain $LeakKey.Substring(5, 6)
    }

    It 'Get-TokenLabModel -ApiKey: list and details, verbose and debug' {
        $capture = Invoke-WithFullCapture {
            Get-TokenLabModel -RecommendedFor tts -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            Get-TokenLabModel -Id tts-1, whisper-1 -BaseUri $BaseUri -ApiKey (ConvertTo-SecureText $LeakKey) @Diagnostics | Format-List *
            Get-TokenLabModel -Id 'gpt-*' -Realtime -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics | Format-Table
        }
        Assert-NoLeak $capture
        @($capture.Items | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        $capture.Text | Should -BeLike "*$MaskedLeakKey*"
        # The key really was used: the emulator saw it, valid.
        @(Get-EmulatorRequest -Path '/v1/models*' | Where-Object { $_.apiKeyStatus -eq 'valid' }).Count | Should -BeGreaterThan 2
    }

    It 'Get-TokenLabModel -ApiKey against a <Name> response' -ForEach $FailureCases {
        Add-EmulatorFault -Match '/v1/models*' @Fault
        $capture = Invoke-WithFullCapture {
            Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ApiKey $LeakKey -MaxRetries 1 -MaxRetryWaitSec 5 @Diagnostics
            Get-TokenLabModel -RecommendedFor stt -BaseUri $BaseUri -ApiKey $LeakKey -MaxRetries 0 @Diagnostics -ErrorAction Stop
        }
        Assert-NoLeak $capture
        Assert-FailureSeen $capture $Recovers
    }

    It 'a key the server rejects (a real 401) does not show either' {
        $capture = Invoke-WithFullCapture {
            Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ApiKey $UnregisteredKey @Diagnostics
            Get-TokenLabModel -BaseUri $BaseUri -ApiKey $UnregisteredKey @Diagnostics -ErrorAction Stop
        }
        Assert-NoLeak $capture -Key $UnregisteredKey
        $capture.Text | Should -BeLike '*AuthenticationFailed*'
    }

    It 'a server that echoes the key back in its error body does not make it show' {
        $body = '<html><body><h1>400 Bad Request</h1><pre>Authorization: Bearer ' + $LeakKey + '</pre></body></html>'
        Add-EmulatorFault -Match '/v1/models/tts-1' -Status 400 -RawBody $body -ContentType 'text/html'
        $capture = Invoke-WithFullCapture {
            Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
        }
        Assert-NoLeak $capture
        @($capture.Errors).Count | Should -BeGreaterThan 0
    }

    It 'timeouts and refused connections do not show it' {
        Add-EmulatorFault -Match '/v1/models/tts-1' -Kind stall -Count 5
        $port = Get-ClosedLoopbackPort
        $capture = Invoke-WithFullCapture {
            Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ApiKey $LeakKey -TimeoutSec 1 @Diagnostics
            Get-TokenLabModel -Id tts-1 -BaseUri "http://127.0.0.1:$port/" -ApiKey $LeakKey -MaxRetries 0 @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike '*TokenLab.Timeout*'
        $capture.Text | Should -BeLike '*TokenLab.ConnectionFailed*'
    }

    It 'configuration errors (key over plain http to a remote host) do not show it' {
        $capture = Invoke-WithFullCapture {
            Get-TokenLabModel -Id tts-1 -BaseUri 'http://api.tokenlab.invalid/' -ApiKey $LeakKey @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike '*TokenLab.InvalidConfiguration*'
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -BaseUri 'http://api.tokenlab.invalid/' -ApiKey $LeakKey @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike '*TokenLab.InvalidConfiguration*'
    }

    It 'Connect-TokenLab, Get-TokenLabContext, commands using the context, and Disconnect-TokenLab' {
        Add-EmulatorFault -Match '/v1/models/whisper-1' -Status 500 -Count 5
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -ApiKey $LeakKey -BaseUri $BaseUri -DeliveryPolicy auto -PassThru @Diagnostics
            Get-TokenLabContext @Diagnostics
            Get-TokenLabContext | Format-List *
            Get-TokenLabContext | Format-Table *
            (Get-TokenLabContext).ToString()
            Get-TokenLabContext | ConvertTo-Json
            Get-TokenLabContext | Select-Object * | Out-String
            Get-TokenLabModel -Id tts-1 @Diagnostics
            Get-TokenLabModel -Id whisper-1 -MaxRetries 0 @Diagnostics
            Disconnect-TokenLab @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike "*$MaskedLeakKey*"
        @(Get-EmulatorRequest -Path '/v1/models/tts-1')[0].apiKeyStatus | Should -Be 'valid'
    }

    It 'Connect-TokenLab -WhatIf text does not show it' {
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -ApiKey $LeakKey -BaseUri $BaseUri -WhatIf @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Transcript | Should -BeLike '*What if*'
    }

    It 'TOKENLAB_API_KEY: context display and commands do not show it' {
        $env:TOKENLAB_API_KEY = $LeakKey
        Add-EmulatorFault -Match '/v1/models/whisper-1' -Status 429 -RetryAfter 120 -Count 5
        $capture = Invoke-WithFullCapture {
            Get-TokenLabContext | Format-List *
            Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri @Diagnostics
            Get-TokenLabModel -Id whisper-1 -BaseUri $BaseUri -MaxRetryWaitSec 1 @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike "*$MaskedLeakKey*"
    }

    It 'New-TokenLabSpeech -ApiKey: files, skips, bytes, events, -WhatIf, verbose and debug' {
        $folder = Join-Path $TestDrive 'speech-leak'
        $capture = Invoke-WithFullCapture {
            'Leak check one.', 'Leak check two.' | New-TokenLabSpeech -OutDirectory $folder -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            'Leak check one.' | New-TokenLabSpeech -OutDirectory $folder -BaseUri $BaseUri -ApiKey (ConvertTo-SecureText $LeakKey) @Diagnostics | Format-List *
            New-TokenLabSpeech 'Leak check file.' -OutFile (Join-Path $folder 'file.wav') -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics | Format-Table
            New-TokenLabSpeech 'Leak check file.' -OutFile (Join-Path $folder 'file.wav') -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            New-TokenLabSpeech 'Leak check events.' -Model gpt-4o-mini-tts -Stream -OutDirectory $folder -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            New-TokenLabSpeech 'Leak check bytes.' -AsByteStream -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics | Measure-Object
            New-TokenLabSpeech 'Leak check what if.' -OutDirectory $folder -BaseUri $BaseUri -ApiKey $LeakKey -WhatIf @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike "*$MaskedLeakKey*"
        $capture.Text | Should -BeLike '*TokenLab.FileExists*'
        $capture.Transcript | Should -BeLike '*What if*'
        @(Get-EmulatorRequest -Path '/v1/audio/speech' | Where-Object { $_.apiKeyStatus -eq 'valid' }).Count | Should -Be 5
    }

    It 'New-TokenLabSpeech -ApiKey against a <Name> response' -ForEach $FailureCases {
        Add-EmulatorFault -Match '/v1/audio/speech' @Fault
        $folder = Join-Path $TestDrive ('speech-failure-' + [guid]::NewGuid().ToString('N'))
        $capture = Invoke-WithFullCapture {
            'Leak failure one.', 'Leak failure two.' | New-TokenLabSpeech -OutDirectory $folder -BaseUri $BaseUri -ApiKey $LeakKey -MaxRetries 1 -MaxRetryWaitSec 5 -ThrottleLimit 1 @Diagnostics
            New-TokenLabSpeech 'Leak failure three.' -Format wav -OutDirectory $folder -BaseUri $BaseUri -ApiKey $LeakKey -MaxRetries 0 @Diagnostics -ErrorAction Stop
        }
        Assert-NoLeak $capture
        Assert-FailureSeen $capture $Recovers
    }

    It 'New-TokenLabSpeech with the Connect-TokenLab key, a rejected key, and -WhatIf' {
        $folder = Join-Path $TestDrive 'speech-context'
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -ApiKey $LeakKey -BaseUri $BaseUri -DeliveryPolicy verified @Diagnostics
            New-TokenLabSpeech 'Leak check context.' -OutDirectory $folder @Diagnostics
            New-TokenLabSpeech 'Leak check context what if.' -OutDirectory $folder -WhatIf @Diagnostics
            Disconnect-TokenLab
            New-TokenLabSpeech 'Leak check rejected.' -OutDirectory $folder -BaseUri $BaseUri -ApiKey $UnregisteredKey @Diagnostics
        }
        Assert-NoLeak $capture
        Assert-NoLeak $capture -Key $UnregisteredKey
        $capture.Text | Should -BeLike '*AuthenticationFailed*'
        Get-RecordedHeader (Get-EmulatorRequest -Path '/v1/audio/speech')[0] 'X-TokenLab-Delivery-Policy' | Should -Be 'verified'
    }

    It 'ConvertFrom-TokenLabAudio -ApiKey: files, skips, subtitles, tasks, -WhatIf, verbose and debug' {
        $folder = Join-Path $TestDrive 'transcription-leak'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $audio = New-TestWav -Path (Join-Path $folder 'leak.wav') -Seconds 3 -Text 'Leak check audio.'
        $capture = Invoke-WithFullCapture {
            Get-Item -LiteralPath $audio.FullName | ConvertFrom-TokenLabAudio -OutDirectory (Join-Path $folder 'out') -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            ConvertFrom-TokenLabAudio -LiteralPath $audio.FullName -OutDirectory (Join-Path $folder 'out') -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics | Format-List *
            $transcript = ConvertFrom-TokenLabAudio -Path $audio.FullName -TimestampGranularity word -OutFile (Join-Path $folder 'leak.srt') -BaseUri $BaseUri -ApiKey (ConvertTo-SecureText $LeakKey) @Diagnostics
            $transcript | Format-Table
            $transcript.ToSrt()
            $transcript.ToJson()
            ConvertFrom-TokenLabAudio -Path $audio.FullName -OutFile (Join-Path $folder 'leak.srt') -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            ConvertFrom-TokenLabAudio -AudioBytes ([System.IO.File]::ReadAllBytes($audio.FullName)) -FileName 'leak.wav' -Translate -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            ConvertFrom-TokenLabAudio -Path $audio.FullName -OutDirectory (Join-Path $folder 'whatif') -BaseUri $BaseUri -ApiKey $LeakKey -WhatIf @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike "*$MaskedLeakKey*"
        $capture.Text | Should -BeLike '*TokenLab.FileExists*'
        $capture.Transcript | Should -BeLike '*What if*'
        @(Get-EmulatorRequest -Path '/v1/audio/*' | Where-Object { $_.apiKeyStatus -eq 'valid' }).Count | Should -Be 3

        Reset-Emulator
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 600 }
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 0; taskOutcome = 'failed' }
        $capture = Invoke-WithFullCapture {
            ConvertFrom-TokenLabAudio -Path $audio.FullName -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics | Format-List *
            ConvertFrom-TokenLabAudio -Path $audio.FullName -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike '*TokenLab.TaskFailed*'
        @(Get-EmulatorRequest -Path '/v1/tasks/*' | Where-Object { $_.apiKeyStatus -eq 'valid' }).Count | Should -BeGreaterThan 1
    }

    It 'ConvertFrom-TokenLabAudio -ApiKey against a <Name> response' -ForEach $FailureCases {
        Add-EmulatorFault -Match '/v1/audio/*' @Fault
        $folder = Join-Path $TestDrive ('transcription-failure-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $one = New-TestWav -Path (Join-Path $folder 'one.wav') -Seconds 1
        $two = New-TestWav -Path (Join-Path $folder 'two.wav') -Seconds 1
        $capture = Invoke-WithFullCapture {
            $one.FullName, $two.FullName | ConvertFrom-TokenLabAudio -OutDirectory (Join-Path $folder 'out') -BaseUri $BaseUri -ApiKey $LeakKey -MaxRetries 1 -MaxRetryWaitSec 5 -ThrottleLimit 1 @Diagnostics
            ConvertFrom-TokenLabAudio -Path $one.FullName -ResponseFormat srt -BaseUri $BaseUri -ApiKey $LeakKey -MaxRetries 0 -Force @Diagnostics -ErrorAction Stop
        }
        Assert-NoLeak $capture
        Assert-FailureSeen $capture $Recovers
    }

    It 'ConvertFrom-TokenLabAudio with the Connect-TokenLab key, a rejected key, and a timeout' {
        $folder = Join-Path $TestDrive 'transcription-context'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $audio = New-TestWav -Path (Join-Path $folder 'context.wav') -Seconds 1
        Add-EmulatorFault -Match '/v1/audio/*' -Kind async-task -Property @{ taskDelayMs = 600000 }
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -ApiKey $LeakKey -BaseUri $BaseUri -DeliveryPolicy official @Diagnostics
            ConvertFrom-TokenLabAudio -Path $audio.FullName -TimeoutSec 2 @Diagnostics
            ConvertFrom-TokenLabAudio -Path $audio.FullName @Diagnostics
            Disconnect-TokenLab
            ConvertFrom-TokenLabAudio -Path $audio.FullName -BaseUri $BaseUri -ApiKey $UnregisteredKey @Diagnostics
        }
        Assert-NoLeak $capture
        Assert-NoLeak $capture -Key $UnregisteredKey
        $capture.Text | Should -BeLike '*TokenLab.Timeout*'
        $capture.Text | Should -BeLike '*AuthenticationFailed*'
        Get-RecordedHeader (Get-EmulatorRequest -Path '/v1/audio/*')[0] 'X-TokenLab-Delivery-Policy' | Should -Be 'official'
    }

    It 'SecretManagement: reading, saving (and -WhatIf) and failing do not show it' {
        $env:PSModulePath = (Join-Path $PSScriptRoot 'Fakes') + [System.IO.Path]::PathSeparator + $SavedModulePath
        Import-Module Microsoft.PowerShell.SecretManagement -Global -Force
        Reset-SecretManagementFake
        Register-SecretVault -Name LeakVault -ModuleName Microsoft.PowerShell.SecretStore
        Set-Secret -Name LeakKey -Secret $LeakKey -Vault LeakVault
        Set-Secret -Name LeakHashtable -Secret @{ key = $LeakKey } -Vault LeakVault
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -Vault LeakVault -SecretName LeakKey -BaseUri $BaseUri -PassThru @Diagnostics
            Get-TokenLabModel -Id tts-1 @Diagnostics
            Connect-TokenLab -ApiKey $LeakKey -Vault LeakVault -SecretName Saved -Save -WhatIf @Diagnostics
            Connect-TokenLab -ApiKey $LeakKey -Vault LeakVault -SecretName Saved -Save -PassThru @Diagnostics
            Connect-TokenLab -Vault LeakVault -SecretName LeakHashtable @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike '*TokenLab.SecretInvalidType*'
        $capture.Text | Should -BeLike '*What if*'

        Disconnect-TokenLab
        $env:TOKENLAB_API_KEY_SECRET = 'LeakKey'
        $env:TOKENLAB_API_KEY_VAULT = 'LeakVault'
        $capture = Invoke-WithFullCapture {
            Get-TokenLabContext | Format-List *
            Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri @Diagnostics
        }
        Assert-NoLeak $capture
        $capture.Text | Should -BeLike "*$MaskedLeakKey*"
    }

    It 'realtime sessions with -ApiKey: start, send text and audio, receive, list, stop, one-shot turns; verbose and debug' {
        $wav = (New-TestWav -Path (Join-Path $TestDrive 'leak.wav') -Seconds 0.6 -SampleRate 24000).FullName
        $capture = Invoke-WithFullCapture {
            $session = Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $LeakKey -Instructions 'Be brief.' -InputTranscriptionModel whisper-1 @Diagnostics
            $session | Format-List *
            $session.ToString()
            Send-TokenLabRealtimeEvent -Session $session -Event @{ type = 'conversation.item.create'; item = @{ type = 'message'; role = 'user'; content = @(@{ type = 'input_text'; text = 'hi' }) } } @Diagnostics
            Send-TokenLabRealtimeAudio -Session $session -Path $wav -Commit @Diagnostics
            Send-TokenLabRealtimeEvent -Session $session -Event '{"type":"response.create"}' @Diagnostics
            Receive-TokenLabRealtimeEvent -Session $session -Type 'response.done', '*transcript*' -Until response.done -TimeoutSec 15 @Diagnostics
            Get-TokenLabRealtime @Diagnostics | Format-Table
            Stop-TokenLabRealtime -Session $session @Diagnostics
            'one', 'two' | Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $LeakKey -OutFile { Join-Path $TestDrive "leak-$_.wav" } @Diagnostics
        }
        Assert-NoLeak $capture
        @($capture.Items | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        $capture.Text | Should -BeLike "*$MaskedLeakKey*"
        @(Get-EmulatorRequest -Path '/v1/realtime' | Where-Object { $_.apiKeyStatus -eq 'valid' }).Count | Should -Be 3
    }

    It 'realtime handshake rejections, refused and slow connections do not show it' {
        Add-EmulatorFault -Match '/v1/realtime' -Status 402
        Add-EmulatorFault -Match '/v1/realtime' -Kind latency -LatencyMs 3000
        Add-EmulatorFault -Match '/v1/realtime' -Status 429 -RetryAfter 3
        $port = Get-ClosedLoopbackPort
        $capture = Invoke-WithFullCapture {
            Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $LeakKey -TimeoutSec 1 @Diagnostics
            Start-TokenLabRealtime -Model gpt-realtime -BaseUri "http://127.0.0.1:$port/" -ApiKey $LeakKey -SkipModelCheck @Diagnostics
            Start-TokenLabRealtime -Model tts-1 -BaseUri $BaseUri -ApiKey $LeakKey @Diagnostics
            # A one-shot turn stops at a failed handshake: last, since the capture ends at a terminating error.
            Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $LeakKey -Text 'hello' @Diagnostics
        }
        Assert-NoLeak $capture
        foreach ($id in 'TokenLab.InsufficientBalance', 'TokenLab.RateLimitExceeded', 'TokenLab.Timeout', 'TokenLab.ConnectionFailed', 'TokenLab.RealtimeNotSupported') {
            $capture.Text | Should -BeLike "*$id*"
        }

        $capture = Invoke-WithFullCapture {
            Start-TokenLabRealtime -Model gpt-realtime -BaseUri $BaseUri -ApiKey $UnregisteredKey -SkipModelCheck @Diagnostics
        }
        Assert-NoLeak $capture -Key $UnregisteredKey
        $capture.Text | Should -BeLike '*TokenLab.AuthenticationFailed*'
    }

    It 'realtime error events, server closes and dropped connections do not show it' {
        Add-EmulatorFault -Match '/v1/realtime' -Kind close -CloseStatus 4001 -CloseDescription 'closing' -AfterEvent 'response.done'
        Add-EmulatorFault -Match '/v1/realtime' -Kind disconnect -AfterEvent 'response.output_audio.delta'
        $capture = Invoke-WithFullCapture {
            Connect-TokenLab -BaseUri $BaseUri -ApiKey $LeakKey
            $closing = Start-TokenLabRealtime -Model gpt-realtime @Diagnostics
            Send-TokenLabRealtimeEvent -Session $closing -Event @{ type = 'response.dance'; event_id = 'evt_leak' } @Diagnostics
            Send-TokenLabRealtimeEvent -Session $closing -Event @{ type = 'response.create' } @Diagnostics
            # Without -Debug here: it makes a compiled cmdlet ask before each warning, and this one warns of the close.
            Receive-TokenLabRealtimeEvent -Session $closing -Type error, response.done -TimeoutSec 15 -Verbose
            Send-TokenLabRealtimeEvent -Session $closing -Event @{ type = 'response.create' } @Diagnostics
            Send-TokenLabRealtimeAudio -Session $closing -AudioBytes (New-Object byte[] 4800) @Diagnostics
            $closing | Format-List *
            $dropped = Start-TokenLabRealtime -Model gpt-realtime @Diagnostics
            Send-TokenLabRealtimeEvent -Session $dropped -Event @{ type = 'response.create' } @Diagnostics
            Receive-TokenLabRealtimeEvent -Session $dropped -Type response.done -TimeoutSec 15 @Diagnostics
            Stop-TokenLabRealtime -Session $dropped @Diagnostics | Format-List *
            Disconnect-TokenLab
        }
        Assert-NoLeak $capture
        foreach ($id in 'TokenLab.RealtimeError', 'TokenLab.RealtimeSessionClosed', 'TokenLab.RealtimeConnectionLost') {
            $capture.Text | Should -BeLike "*$id*"
        }
    }
}
