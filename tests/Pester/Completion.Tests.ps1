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
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Get-Completion $line
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        $completions = Get-CompletionEventually -Line $line -Expect 'tts-1'
        $completions | Should -Contain 'tts-1'
        $completions | Should -Contain 'tts-1-hd'
        foreach ($item in $completions) { $item | Should -BeLike 'tts*' }
        # The list came from this emulator.
        @(Get-EmulatorRequest -Path '/v1/models').Count | Should -BeGreaterThan 0
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

    It 'returns quickly, with nothing and no error, when the service is unreachable' {
        $port = Get-ClosedLoopbackPort
        $errorsBefore = $Error.Count
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $completions = Get-Completion "Get-TokenLabModel -BaseUri http://127.0.0.1:$port/ -Id tts"
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        @($completions | Where-Object { $_ -like 'tts*' }).Count | Should -Be 0
        $Error.Count | Should -Be $errorsBefore
    }

    It 'does not wait for a service that never answers longer than a short bound' {
        Add-EmulatorFault -Match '/v1/models' -Kind stall -Count 5
        # A base URI the cache has not seen yet that reaches the same emulator.
        $line = 'Get-TokenLabModel -BaseUri ' + ([uri]$BaseUri).AbsoluteUri.Replace('127.0.0.1', 'localhost') + ' -Id tts'
        $errorsBefore = $Error.Count
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $first = Get-Completion $line
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $watch.Restart()
        $second = Get-Completion $line
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        @($first + $second | Where-Object { $_ -like 'tts*' }).Count | Should -Be 0
        $Error.Count | Should -Be $errorsBefore
        # The stalled catalog request did reach the emulator: the bound, not a failure, ended the wait.
        @(Get-EmulatorRequest -Path '/v1/models').Count | Should -BeGreaterThan 0
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
