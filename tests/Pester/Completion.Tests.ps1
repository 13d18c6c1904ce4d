# Tab completion: model IDs from the catalog of the service the command line points at, the fixed
# scene and category lists, and a tab press that never hangs or fails when the service is unreachable.
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
    # next one gets the cached list. Presses up to three times, as a user would.
    function Get-CompletionEventually {
        param([string] $Line, [string] $Expect)
        for ($attempt = 0; $attempt -lt 3; $attempt++) {
            $completions = Get-Completion $Line
            if ($completions -contains $Expect) { return $completions }
            Start-Sleep -Milliseconds 500
        }
        $completions
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

Describe 'Fixed-value completion' {
    BeforeEach { Reset-TestState }

    It '-RecommendedFor s offers stt' {
        $completions = Get-Completion 'Get-TokenLabModel -RecommendedFor s'
        $completions | Should -Contain 'stt'
        $completions | Should -Not -Contain 'tts'
    }

    It '-RecommendedFor offers every documented scene' {
        $completions = Get-Completion 'Get-TokenLabModel -RecommendedFor '
        foreach ($scene in 'tts', 'stt', 'translation', 'image', 'video', 'music', '3d', 'embedding', 'rerank') {
            $completions | Should -Contain $scene
        }
    }

    It '-Category t offers tts and translation' {
        $completions = Get-Completion 'Get-TokenLabModel -Category t'
        $completions | Should -Contain 'tts'
        $completions | Should -Contain 'translation'
        foreach ($item in $completions) { $item | Should -BeLike 't*' }
    }

    It '-Category offers every documented category' {
        $completions = Get-Completion 'Get-TokenLabModel -Category '
        foreach ($category in 'chat', 'embedding', 'audio', 'tts', 'stt') { $completions | Should -Contain $category }
    }

    It 'Connect-TokenLab -DeliveryPolicy offers auto, verified and official' {
        $completions = Get-Completion 'Connect-TokenLab -DeliveryPolicy '
        @($completions | Sort-Object) | Should -Be @('auto', 'official', 'verified')
    }
}
