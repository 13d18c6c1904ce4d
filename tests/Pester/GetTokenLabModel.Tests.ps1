# Get-TokenLabModel against the emulator: lists, recommendations, details, wildcards, pipeline
# binding, -Realtime, typed output, keys and headers, and use from other runspaces.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri

    function Get-RawCatalog {
        param([string] $Query = '', [string] $Key)
        $request = @{ Uri = $BaseUri.TrimEnd('/') + '/v1/models' + $Query }
        if ($Key) { $request.Headers = @{ Authorization = 'Bearer ' + $Key } }
        if ($PSVersionTable.PSVersion.Major -ge 7) { $request.NoProxy = $true }
        @((Invoke-RestMethod @request).data)
    }

    # The state every test starts from.
    function Reset-TestState {
        Reset-Emulator
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'Get-TokenLabModel -RecommendedFor' {
    BeforeEach { Reset-TestState }

    It 'lists tts models in the server''s order, which is the recommendation rank' {
        $models = @(Get-TokenLabModel -RecommendedFor tts -BaseUri $BaseUri)
        $expected = @(Get-RawCatalog -Query '?recommended_for=tts' | ForEach-Object { $_.id })
        $models.Count | Should -BeGreaterThan 3
        @($models | ForEach-Object { $_.Id }) | Should -Be $expected
        $models[0].Id | Should -Be 'gpt-4o-mini-tts'
        $ranked = @($models | Where-Object { $null -ne $_.RecommendationRank })
        @($ranked | ForEach-Object { $_.RecommendationRank }) | Should -Be @(1..$ranked.Count)
        foreach ($model in $models) { $model.RecommendedFor | Should -Be 'tts' }
    }

    It 'lists stt models best first, with insufficient_samples entries last and unranked' {
        $models = @(Get-TokenLabModel -RecommendedFor stt -BaseUri $BaseUri)
        @($models | ForEach-Object { $_.Id }) | Should -Be @('gpt-4o-transcribe', 'whisper-1', 'gpt-4o-mini-transcribe')
        $models[0].RecommendationRank | Should -Be 1
        $models[0].SuccessRate24h | Should -BeGreaterThan 0.9
        $models[0].SampleCount24h | Should -BeGreaterThan 0
        $models[0].RecommendationStatus | Should -Be 'ready'
        $models[-1].RecommendationStatus | Should -Be 'insufficient_samples'
        $models[-1].RecommendationRank | Should -BeNullOrEmpty
        $models[-1].SuccessRate24h | Should -BeNullOrEmpty
    }

    It 'sends recommended_for in one list request' {
        $null = Get-TokenLabModel -RecommendedFor stt -BaseUri $BaseUri
        $requests = @(Get-EmulatorRequest -Path '/v1/models*')
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be '/v1/models'
        $requests[0].query | Should -Match 'recommended_for=stt'
    }

    It 'reports an unknown scene as the server''s validation error' {
        { Get-TokenLabModel -RecommendedFor 'nonsense' -BaseUri $BaseUri -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.InvalidRequest,*'
    }
}

Describe 'Get-TokenLabModel -Id' {
    BeforeEach { Reset-TestState }

    It 'gets the full details of an exact ID from GET /v1/models/{id}' {
        $model = Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri
        @($model).Count | Should -Be 1
        $model.Id | Should -Be 'tts-1'
        $model.IsDetail | Should -BeTrue
        $model.Provider | Should -Be 'openai'
        $model.Category | Should -Be 'tts'
        $model.PricingUnit | Should -Be 'per_1m_characters'
        $model.Pricing | Should -Not -BeNullOrEmpty
        $model.LifecycleStage | Should -Be 'active'
        $model.Aliases | Should -Contain 'tts-1-1106'
        $model.Capabilities | Should -Contain 'tts'
        $model.SupportedOperations | Should -Contain 'audio.speech'
        $model.SupportedParameters | Should -Contain 'voice'
        $model.OutputFormats | Should -Contain 'mp3'
        $model.SupportsRealtime | Should -BeFalse
        (ConvertFrom-Json $model.Json).id | Should -Be 'tts-1'
        $requests = @(Get-EmulatorRequest -Path '/v1/models*')
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be '/v1/models/tts-1'
    }

    It 'types the output and its Created as DateTimeOffset' {
        $model = Get-TokenLabModel -Id whisper-1 -BaseUri $BaseUri
        $model | Should -BeOfType ([TokenLab.Client.Models.TokenLabModel])
        $model.Created | Should -BeOfType ([DateTimeOffset])
        $raw = Invoke-RestMethod -Uri ($BaseUri.TrimEnd('/') + '/v1/models/whisper-1')
        $model.Created.ToUnixTimeSeconds() | Should -Be ([long]$raw.created)
        $model.ToString() | Should -Be 'whisper-1'
    }

    It 'resolves an alias to the model it names' {
        $model = Get-TokenLabModel -Id 'tts-1-1106' -BaseUri $BaseUri
        $model.Id | Should -Be 'tts-1'
    }

    It 'filters the list on the client for wildcards, in one list request and no detail requests' {
        $models = @(Get-TokenLabModel -Id 'gpt-4o*' -BaseUri $BaseUri)
        @($models | ForEach-Object { $_.Id } | Sort-Object) | Should -Be @('gpt-4o-mini-transcribe', 'gpt-4o-mini-tts', 'gpt-4o-transcribe')
        foreach ($model in $models) { $model.IsDetail | Should -BeFalse }
        $requests = @(Get-EmulatorRequest -Path '/v1/models*')
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be '/v1/models'
    }

    It 'matches wildcards against aliases too' {
        $models = @(Get-TokenLabModel -Id 'minimax-speech-0*' -BaseUri $BaseUri)
        @($models | ForEach-Object { $_.Id } | Sort-Object) | Should -Be @('speech-01-hd', 'speech-02-hd')
    }

    It 'fetches the list once for several wildcards' {
        $models = @(Get-TokenLabModel -Id 'tts-*', 'whisper*' -BaseUri $BaseUri)
        @($models | ForEach-Object { $_.Id }) | Should -Be @('tts-1', 'tts-1-hd', 'whisper-1')
        @(Get-EmulatorRequest -Path '/v1/models*').Count | Should -Be 1
    }

    It 'returns nothing, without an error, for a wildcard that matches nothing' {
        $models = @(Get-TokenLabModel -Id 'no-such-model-*' -BaseUri $BaseUri -ErrorVariable errors)
        $models.Count | Should -Be 0
        $errors.Count | Should -Be 0
    }

    It 'takes the ID by position' {
        (Get-TokenLabModel 'whisper-1' -BaseUri $BaseUri).Id | Should -Be 'whisper-1'
    }
}

Describe 'Get-TokenLabModel pipeline input' {
    BeforeEach { Reset-TestState }

    It 'takes IDs from the pipeline by value, in order' {
        $models = @('tts-1', 'whisper-1' | Get-TokenLabModel -BaseUri $BaseUri)
        @($models | ForEach-Object { $_.Id }) | Should -Be @('tts-1', 'whisper-1')
        foreach ($model in $models) { $model.IsDetail | Should -BeTrue }
    }

    It 'takes IDs by property name (Id, Model and ModelId)' {
        $inputs = @(
            [pscustomobject]@{ Id = 'tts-1' }
            [pscustomobject]@{ Model = 'whisper-1' }
            [pscustomobject]@{ ModelId = 'gpt-4o-transcribe' }
        )
        $models = @($inputs | Get-TokenLabModel -BaseUri $BaseUri)
        @($models | ForEach-Object { $_.Id }) | Should -Be @('tts-1', 'whisper-1', 'gpt-4o-transcribe')
    }

    It 'takes its own list output back and returns the details of each model' {
        $list = @(Get-TokenLabModel -RecommendedFor stt -BaseUri $BaseUri)
        Clear-EmulatorRequest
        $details = @($list | Get-TokenLabModel -BaseUri $BaseUri)
        @($details | ForEach-Object { $_.Id }) | Should -Be @($list | ForEach-Object { $_.Id })
        foreach ($model in $details) { $model.IsDetail | Should -BeTrue }
        @(Get-EmulatorRequest -Path '/v1/models/*').Count | Should -Be $list.Count
    }

    It 'writes each result as it comes (streams, does not wait for the end of input)' {
        $seen = New-Object System.Collections.Generic.List[string]
        'tts-1', 'whisper-1' | ForEach-Object { $seen.Add("in:$_"); $_ } | Get-TokenLabModel -BaseUri $BaseUri | ForEach-Object { $seen.Add("out:$($_.Id)") }
        @($seen) | Should -Be @('in:tts-1', 'out:tts-1', 'in:whisper-1', 'out:whisper-1')
    }
}

Describe 'Get-TokenLabModel -Realtime' {
    BeforeEach { Reset-TestState }

    It 'finds the realtime models, declared in the tokenlab and in the older lemondata extension' {
        $models = @(Get-TokenLabModel -Realtime -BaseUri $BaseUri)
        $ids = @($models | ForEach-Object { $_.Id })
        $ids | Should -Contain 'gpt-realtime'
        $ids | Should -Contain 'gpt-realtime-mini'
        $ids | Should -Contain 'qwen-tts-realtime'
        $ids | Should -Not -Contain 'tts-1'
        $ids | Should -Not -Contain 'whisper-1'
        foreach ($model in $models) { $model.SupportsRealtime | Should -BeTrue }
    }

    It 'keeps the catalog order' {
        $ids = @(Get-TokenLabModel -Realtime -BaseUri $BaseUri | ForEach-Object { $_.Id })
        $catalogOrder = @(Get-RawCatalog | ForEach-Object { $_.id } | Where-Object { $ids -contains $_ })
        $ids | Should -Be $catalogOrder
    }

    It 'with -Id, returns a realtime model' {
        (Get-TokenLabModel -Id gpt-realtime -Realtime -BaseUri $BaseUri).Id | Should -Be 'gpt-realtime'
        (Get-TokenLabModel -Id qwen-tts-realtime -Realtime -BaseUri $BaseUri).SupportsRealtime | Should -BeTrue
    }

    It 'with -Id of a model that is not realtime, returns nothing and no error' {
        $models = @(Get-TokenLabModel -Id tts-1 -Realtime -BaseUri $BaseUri -ErrorVariable errors)
        $models.Count | Should -Be 0
        $errors.Count | Should -Be 0
    }

    It 'with a wildcard, keeps only the realtime matches' {
        $ids = @(Get-TokenLabModel -Id 'gpt-*' -Realtime -BaseUri $BaseUri | ForEach-Object { $_.Id })
        @($ids | Sort-Object) | Should -Be @('gpt-realtime', 'gpt-realtime-mini')
    }

    It 'shows realtime support for qwen-tts-realtime only in its details (the lemondata key)' {
        $detail = Get-TokenLabModel -Id qwen-tts-realtime -BaseUri $BaseUri
        $detail.SupportsRealtime | Should -BeTrue
        $detail.Json | Should -Match '"lemondata"'
    }
}

Describe 'Get-TokenLabModel list filters' {
    BeforeEach { Reset-TestState }

    It '-Compact asks for the compact view and still returns typed models' {
        $models = @(Get-TokenLabModel -Compact -RecommendedFor tts -BaseUri $BaseUri)
        $models[0].Id | Should -Be 'gpt-4o-mini-tts'
        $models[0] | Should -BeOfType ([TokenLab.Client.Models.TokenLabModel])
        $models[0].Provider | Should -Be 'openai'
        $models[0].RecommendationRank | Should -Be 1
        (Get-EmulatorRequest -Path '/v1/models')[0].query | Should -Match 'view=compact'
    }

    It '-Category lists only that category' {
        $models = @(Get-TokenLabModel -Category stt -BaseUri $BaseUri)
        $models.Count | Should -Be 3
        foreach ($model in $models) { $model.Category | Should -Be 'stt' }
        (Get-EmulatorRequest -Path '/v1/models')[0].query | Should -Match 'category=stt'
    }

    It '-Provider lists only that provider' {
        $ids = @(Get-TokenLabModel -Provider minimax -BaseUri $BaseUri | ForEach-Object { $_.Id } | Sort-Object)
        $ids | Should -Be @('speech-01-hd', 'speech-02-hd')
    }

    It '-Tag lists the models with a capability tag' {
        $models = @(Get-TokenLabModel -Tag tts -BaseUri $BaseUri)
        $models.Count | Should -BeGreaterThan 0
        foreach ($model in $models) { (@($model.Capabilities) + $model.Category) | Should -Contain 'tts' }
    }

    It 'without filters lists the whole catalog' {
        $models = @(Get-TokenLabModel -BaseUri $BaseUri)
        @($models | ForEach-Object { $_.Id }) | Should -Be @(Get-RawCatalog | ForEach-Object { $_.id })
        $models.Count | Should -BeGreaterOrEqual 15
    }

    It 'keeps the lifecycle of a deprecated model' {
        $model = Get-TokenLabModel -Id speech-01-hd -BaseUri $BaseUri
        $model.LifecycleStage | Should -Be 'deprecated'
    }
}

Describe 'Get-TokenLabModel keys and headers' {
    BeforeEach { Reset-TestState }

    It 'works with no key at all, and sends no Authorization header' {
        $models = @(Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri)
        $models.Count | Should -Be 1
        $request = @(Get-EmulatorRequest -Path '/v1/models/tts-1')[0]
        $request.apiKeyStatus | Should -Be 'none'
        Get-RecordedHeader -Request $request -Name 'Authorization' | Should -BeNullOrEmpty
    }

    It 'sends the key when it has one' {
        $null = Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ApiKey $Test.ApiKey
        $request = @(Get-EmulatorRequest -Path '/v1/models/tts-1')[0]
        $request.apiKeyStatus | Should -Be 'valid'
        Get-RecordedHeader -Request $request -Name 'Authorization' | Should -BeLike ('Bearer sk-*' + (Get-KeyTail $Test.ApiKey))
    }

    It 'returns the catalog filtered to what a restricted key may use' {
        $ids = @(Get-TokenLabModel -BaseUri $BaseUri -ApiKey $Test.LimitedKey | ForEach-Object { $_.Id } | Sort-Object)
        $ids | Should -Be @(Get-TestLimitedModel | Sort-Object)
    }

    It 'reports a model the restricted key may not use as not found' {
        $result = @(Get-TokenLabModel -Id gpt-5.4 -BaseUri $BaseUri -ApiKey $Test.LimitedKey -ErrorVariable errors -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ModelNotFound,*'
    }

    It 'names TokenLabPowerShell, its version and PowerShell''s version in the User-Agent' {
        $null = Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri
        $agent = Get-RecordedHeader -Request @(Get-EmulatorRequest -Path '/v1/models/tts-1')[0] -Name 'User-Agent'
        $version = (Get-Module TokenLab).Version.ToString(3)
        $agent | Should -Match ('TokenLabPowerShell/' + [regex]::Escape($version))
        $agent | Should -Match ('PowerShell/' + [regex]::Escape($PSVersionTable.PSVersion.ToString()))
    }

    It 'uses TOKENLAB_BASE_URL when no -BaseUri is given' {
        $env:TOKENLAB_BASE_URL = $BaseUri
        try { (Get-TokenLabModel -Id tts-1).Id | Should -Be 'tts-1' }
        finally { Remove-Item Env:TOKENLAB_BASE_URL }
        @(Get-EmulatorRequest -Path '/v1/models/tts-1').Count | Should -Be 1
    }
}

Describe 'Get-TokenLabModel in other runspaces' {
    BeforeEach { Reset-TestState }

    It 'works in ForEach-Object -Parallel with -BaseUri passed in' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        # Built from text so Windows PowerShell 5.1 can still parse this file.
        $parallel = [scriptblock]::Create(@'
param($ModulePath, $BaseUri)
'tts-1', 'whisper-1', 'gpt-realtime' | ForEach-Object -ThrottleLimit 3 -Parallel {
    Import-Module $using:ModulePath
    Get-TokenLabModel -Id $_ -BaseUri $using:BaseUri
}
'@)
        $models = @(& $parallel $Test.ModulePath $BaseUri)
        @($models | ForEach-Object { $_.Id } | Sort-Object) | Should -Be @('gpt-realtime', 'tts-1', 'whisper-1')
        @(Get-EmulatorRequest -Path '/v1/models/*').Count | Should -Be 3
    }

    It 'works in Start-ThreadJob' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        $job = Start-ThreadJob -ScriptBlock {
            param($ModulePath, $BaseUri)
            Import-Module $ModulePath
            Get-TokenLabModel -RecommendedFor tts -BaseUri $BaseUri
        } -ArgumentList $Test.ModulePath, $BaseUri
        try {
            $models = @($job | Wait-Job -Timeout 60 | Receive-Job -ErrorAction Stop)
            $job.State | Should -Be 'Completed'
            $models[0].Id | Should -Be 'gpt-4o-mini-tts'
        }
        finally { $job | Remove-Job -Force }
    }

    It 'works in a runspace of its own (the engine API, as in hosted automation)' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($ModulePath, $BaseUri) Import-Module $ModulePath; Get-TokenLabModel -Id whisper-1 -BaseUri $BaseUri').AddArgument($Test.ModulePath).AddArgument($BaseUri)
            $result = $shell.Invoke()
            $shell.Streams.Error.Count | Should -Be 0
            $result[0].Id | Should -Be 'whisper-1'
        }
        finally { $shell.Dispose() }
    }
}
