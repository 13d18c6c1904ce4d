# Error records: IDs, categories, request IDs, recommended actions and targets for every failure the
# API documents, plus retries, Retry-After, timeouts, cancellation, proxies and terminating errors.
BeforeDiscovery {
    # One case per documented failure; the fault answers GET /v1/models/tts-1.
    $script:StatusCases = @(
        @{ Name = '400 with validation_errors'; Fault = @{ Status = 400; Type = 'invalid_request_error'; Message = 'voice: Voice is required'; Param = 'voice'; ValidationErrors = @(@{ field = 'voice'; message = 'Voice is required' }) }; Id = 'TokenLab.InvalidRequest'; Category = 'InvalidArgument'; Action = 'voice: Voice is required' }
        @{ Name = '400 unsupported_parameter'; Fault = @{ Status = 400; Type = 'invalid_request_error'; Code = 'unsupported_parameter'; Param = 'user'; Message = 'Unknown parameter: user' }; Id = 'TokenLab.UnsupportedParameter'; Category = 'InvalidArgument'; Action = 'user' }
        @{ Name = '401 invalid_api_key'; Fault = @{ Status = 401 }; Id = 'TokenLab.AuthenticationFailed'; Category = 'AuthenticationError'; Action = 'TOKENLAB_API_KEY' }
        @{ Name = '401 expired_api_key'; Fault = @{ Status = 401; Type = 'expired_api_key'; Code = 'expired_api_key'; Message = 'API key expired' }; Id = 'TokenLab.ApiKeyExpired'; Category = 'AuthenticationError'; Action = 'expired' }
        @{ Name = '402 insufficient_balance'; Fault = @{ Status = 402 }; Id = 'TokenLab.InsufficientBalance'; Category = 'QuotaExceeded'; Action = 'Top up' }
        @{ Name = '402 quota_exceeded'; Fault = @{ Status = 402; Type = 'quota_exceeded'; Code = 'quota_exceeded'; Message = 'API key usage limit reached' }; Id = 'TokenLab.QuotaExceeded'; Category = 'QuotaExceeded'; Action = 'key limit' }
        @{ Name = '403 model_not_allowed'; Fault = @{ Status = 403 }; Id = 'TokenLab.PermissionDenied'; Category = 'PermissionDenied'; Action = 'console' }
        @{ Name = '404 model_not_found with did_you_mean'; Fault = @{ Status = 404; Type = 'invalid_request_error'; Code = 'model_not_found'; Message = "Model 'tts-1' not found"; DidYouMean = 'tts-1-hd' }; Id = 'TokenLab.ModelNotFound'; Category = 'ObjectNotFound'; Action = 'tts-1-hd' }
        @{ Name = '404 not_found'; Fault = @{ Status = 404 }; Id = 'TokenLab.NotFound'; Category = 'ObjectNotFound'; Action = 'Check the ID' }
        @{ Name = '413 payload_too_large'; Fault = @{ Status = 413 }; Id = 'TokenLab.PayloadTooLarge'; Category = 'LimitsExceeded'; Action = '25 MB' }
        @{ Name = '429 rate_limit_exceeded'; Fault = @{ Status = 429 }; Id = 'TokenLab.RateLimitExceeded'; Category = 'LimitsExceeded'; Action = 'rate' }
        @{ Name = '500 server_error'; Fault = @{ Status = 500 }; Id = 'TokenLab.ServerError'; Category = 'ResourceUnavailable'; Action = 'request ID' }
        @{ Name = '502 upstream_error'; Fault = @{ Status = 502 }; Id = 'TokenLab.UpstreamError'; Category = 'ConnectionError'; Action = 'request ID' }
        @{ Name = '503 all_channels_failed'; Fault = @{ Status = 503 }; Id = 'TokenLab.ServiceUnavailable'; Category = 'ResourceUnavailable'; Action = 'request ID' }
        @{ Name = '503 delivery_tier_unavailable'; Fault = @{ Status = 503; Type = 'all_channels_failed'; Code = 'delivery_tier_unavailable'; Message = 'The requested Delivery tier is temporarily unavailable for model tts-1.' }; Id = 'TokenLab.DeliveryUnavailable'; Category = 'ResourceUnavailable'; Action = 'DeliveryPolicy' }
        @{ Name = '504 timeout_error'; Fault = @{ Status = 504 }; Id = 'TokenLab.GatewayTimeout'; Category = 'OperationTimeout'; Action = 'request ID' }
        @{ Name = '502 with an HTML page from a proxy'; Fault = @{ Status = 502; RawBody = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>'; ContentType = 'text/html' }; Id = 'TokenLab.UpstreamError'; Category = 'ConnectionError'; Action = 'request ID' }
        @{ Name = '500 with an empty body'; Fault = @{ Status = 500; RawBody = '' }; Id = 'TokenLab.ServerError'; Category = 'ResourceUnavailable'; Action = 'request ID' }
        @{ Name = '503 without error.type'; Fault = @{ Status = 503; OmitType = $true; Code = 'all_channels_failed'; Message = 'All channels failed' }; Id = 'TokenLab.ServiceUnavailable'; Category = 'ResourceUnavailable'; Action = 'request ID' }
    )
    $script:NeverRetriedCases = @(
        @{ Status = 400 }, @{ Status = 401 }, @{ Status = 402 }, @{ Status = 403 }, @{ Status = 404 }, @{ Status = 413 }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $BaseUri = $Test.BaseUri
    $Detail = '/v1/models/tts-1'

    # Runs Get-TokenLabModel for tts-1 and returns its output, its error records and its -Verbose
    # lines (the client traces each retry there: "Retrying in 1 s after 429 (attempt 2 of 4)").
    function Invoke-Model {
        param([hashtable] $Parameters = @{}, [string[]] $Id = @('tts-1'))
        $errors = $null
        $all = @(Get-TokenLabModel -Id $Id -BaseUri $BaseUri @Parameters -Verbose -ErrorVariable errors -ErrorAction SilentlyContinue 4>&1)
        $output = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        [pscustomobject]@{ Output = $output; Errors = @($errors); Verbose = $verbose }
    }

    # The "Retrying in ..." lines of a call: one per wait before another attempt.
    function Get-RetryTrace {
        param($Result)
        @($Result.Verbose | Where-Object { $_ -like 'Retrying in *' })
    }

    # The state every test starts from.
    function Reset-TestState {
        Reset-Emulator
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'Error records for API failures' {
    BeforeEach { Reset-TestState }

    It '<Name> -> <Id> (<Category>), with the request ID and the input as target' -ForEach $StatusCases {
        Add-EmulatorFault -Match $Detail -Count 5 @Fault
        $result = Invoke-Model -Parameters @{ MaxRetries = 0 }

        $result.Output.Count | Should -Be 0
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $record.CategoryInfo.Category | Should -Be $Category
        $record.TargetObject | Should -Be 'tts-1'
        $record.Exception | Should -BeOfType ([TokenLab.Client.TokenLabApiException])
        $record.Exception.StatusCode | Should -Be $Fault.Status

        $logged = @(Get-EmulatorRequest -Path $Detail)
        $logged.Count | Should -Be 1
        $requestId = $logged[0].requestId
        $requestId | Should -Match '^req_'
        $record.Exception.RequestId | Should -Be $requestId
        $record.ErrorDetails.Message | Should -BeLike "*$requestId*"
        $record.Exception.Message | Should -BeLike "*$requestId*"
        $record.ErrorDetails.Message | Should -BeLike "*$($Fault.Status)*"
        $record.ErrorDetails.RecommendedAction | Should -BeLike "*$Action*"
    }

    It 'reports an unknown model (the server''s 404) with its did_you_mean in RecommendedAction' {
        $result = Invoke-Model -Id 'tts-2'
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.ModelNotFound,*'
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.TargetObject | Should -Be 'tts-2'
        $record.Exception.DidYouMean | Should -Be 'tts-1'
        $record.ErrorDetails.RecommendedAction | Should -BeLike "*'tts-1'*"
    }

    It 'reports a key the server rejects as AuthenticationFailed, without retrying' {
        $result = Invoke-Model -Parameters @{ ApiKey = 'sk-this-key-is-not-registered-0000' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.AuthenticationFailed,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
    }

    It 'keeps the validation errors of a 400 on the exception' {
        Add-EmulatorFault -Match $Detail -Status 400 -Type 'invalid_request_error' -Message 'voice: Voice is required' -ValidationErrors @(@{ field = 'voice'; message = 'Voice is required'; code = 'required' }, @{ field = 'input'; message = 'Input is required' })
        $record = (Invoke-Model).Errors[0]
        @($record.Exception.ValidationErrors).Count | Should -Be 2
        $record.Exception.ValidationErrors[0].Field | Should -Be 'voice'
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*input: Input is required*'
    }
}

Describe 'Request IDs' {
    BeforeEach { Reset-TestState }

    It 'reads the request ID from <Placement>' -ForEach @(
        @{ Placement = 'body' }
        @{ Placement = 'header' }
        @{ Placement = 'legacy-header' }
    ) {
        Add-EmulatorFault -Match $Detail -Status 500 -RequestId $Placement
        $record = (Invoke-Model -Parameters @{ MaxRetries = 0 }).Errors[0]
        $requestId = @(Get-EmulatorRequest -Path $Detail)[0].requestId
        $record.Exception.RequestId | Should -Be $requestId
        $record.ErrorDetails.Message | Should -BeLike "*$requestId*"
    }

    It 'prefers error.request_id in the body to the X-Request-ID header' {
        Add-EmulatorFault -Match $Detail -Status 500 -RequestId header -ContentType 'application/json' -RawBody '{"error":{"message":"boom","type":"server_error","request_id":"req_FROMTHEBODY0000000000000000"}}'
        $record = (Invoke-Model -Parameters @{ MaxRetries = 0 }).Errors[0]
        $record.Exception.RequestId | Should -Be 'req_FROMTHEBODY0000000000000000'
        $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.ServerError,*'
    }

    It 'still gives a clear error when the response has no request ID at all' {
        Add-EmulatorFault -Match $Detail -Status 500 -RequestId none
        $record = (Invoke-Model -Parameters @{ MaxRetries = 0 }).Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.ServerError,*'
        $record.Exception.RequestId | Should -BeNullOrEmpty
        $record.ErrorDetails.Message | Should -BeLike '*500*'
    }

    It 'puts the request ID of a successful call on its metadata in -Verbose output' {
        $verbose = Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $requestId = @(Get-EmulatorRequest -Path $Detail)[0].requestId
        ($verbose | ForEach-Object { $_.Message }) -join "`n" | Should -BeLike "*$requestId*"
    }
}

Describe 'Retries' {
    BeforeEach { Reset-TestState }

    It 'retries a 503 and returns one result when the third attempt succeeds' {
        Add-EmulatorFault -Match $Detail -Status 503 -Count 2
        $result = Invoke-Model
        $result.Errors.Count | Should -Be 0
        $result.Output.Count | Should -Be 1
        $result.Output[0].Id | Should -Be 'tts-1'
        $logged = @(Get-EmulatorRequest -Path $Detail)
        $logged.Count | Should -Be 3
        @($logged | ForEach-Object { $_.statusCode }) | Should -Be @(503, 503, 200)
    }

    It 'with -MaxRetries 0 sends one request only' {
        Add-EmulatorFault -Match $Detail -Status 503 -Count 1
        $result = Invoke-Model -Parameters @{ MaxRetries = 0 }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ServiceUnavailable,*'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
    }

    It 'gives up after -MaxRetries and reports the last failure' {
        Add-EmulatorFault -Match $Detail -Status 502 -Count 5
        $result = Invoke-Model -Parameters @{ MaxRetries = 1 }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.UpstreamError,*'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 2
    }

    It 'never retries a <Status>' -ForEach $NeverRetriedCases {
        Add-EmulatorFault -Match $Detail -Status $Status -Count 3
        $result = Invoke-Model -Parameters @{ MaxRetries = 3 }
        $result.Errors.Count | Should -Be 1
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
    }

    It 'waits the Retry-After of a 429, then succeeds' {
        Add-EmulatorFault -Match $Detail -Status 429 -RetryAfter 1 -Count 1
        $result = Invoke-Model
        $result.Output.Count | Should -Be 1
        $logged = @(Get-EmulatorRequest -Path $Detail)
        @($logged | ForEach-Object { $_.statusCode }) | Should -Be @(429, 200)
        # The one wait before the second attempt was the server's 1 s, not the client's own back-off
        # (a first back-off is 250-500 ms, which the trace shows in ms).
        $retries = @(Get-RetryTrace $result)
        $retries.Count | Should -Be 1
        $retries[0] | Should -Be 'Retrying in 1 s after 429 (attempt 2 of 4)'
    }

    It 'fails at once when Retry-After (120 s) exceeds -MaxRetryWaitSec, naming the wait' {
        Add-EmulatorFault -Match $Detail -Status 429 -RetryAfter 120 -Count 5
        $result = Invoke-Model -Parameters @{ MaxRetryWaitSec = 5 }
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        # At once: no wait of any length before giving up, and a single attempt.
        @(Get-RetryTrace $result).Count | Should -Be 0
        $record.Exception.Metadata.Attempts | Should -Be 1
        $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.RateLimitExceeded,*'
        $record.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $record.Exception.RetryAfter.TotalSeconds | Should -Be 120
        $record.Exception.RetryWaitExceedsLimit | Should -BeTrue
        $record.ErrorDetails.Message | Should -Match '\b120\b'
        $record.ErrorDetails.RecommendedAction | Should -Match '\b120\b'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
    }

    It 'honours error.retry_after in the body the same way when there is no header' {
        Add-EmulatorFault -Match $Detail -Status 429 -RetryAfterBody 90 -Count 5
        $result = Invoke-Model -Parameters @{ MaxRetryWaitSec = 5 }
        $result.Errors.Count | Should -Be 1
        @(Get-RetryTrace $result).Count | Should -Be 0
        $result.Errors[0].Exception.RetryWaitExceedsLimit | Should -BeTrue
        $result.Errors[0].Exception.Metadata.Attempts | Should -Be 1
        $result.Errors[0].Exception.RetryAfter.TotalSeconds | Should -Be 90
        $result.Errors[0].ErrorDetails.Message | Should -Match '\b90\b'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
    }

    It 'retries a connection reset before any response byte' {
        Add-EmulatorFault -Match $Detail -Kind reset -Count 1
        $result = Invoke-Model
        $result.Errors.Count | Should -Be 0
        $result.Output[0].Id | Should -Be 'tts-1'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 2
    }

    It 'reports repeated connection resets as ConnectionFailed once the retries are spent' {
        Add-EmulatorFault -Match $Detail -Kind reset -Count 5
        $result = Invoke-Model -Parameters @{ MaxRetries = 1 }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ConnectionFailed,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 2
    }

    It 'does not retry once the body started to arrive (a response cut short)' {
        Add-EmulatorFault -Match $Detail -Kind truncate -Count 5
        $result = Invoke-Model -Parameters @{ MaxRetries = 3 }
        $result.Output.Count | Should -Be 0
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.*'
        $result.Errors[0].FullyQualifiedErrorId | Should -Not -BeLike 'TokenLab.ApiError,*'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
    }
}

Describe 'Timeouts and cancellation' {
    BeforeEach { Reset-TestState }

    It 'cancels a stalled response at -TimeoutSec with TokenLab.Timeout (OperationTimeout)' {
        Add-EmulatorFault -Match $Detail -Kind stall -Count 5
        $result = Invoke-Model -Parameters @{ TimeoutSec = 2 }
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.Timeout,*'
        # What ended the call is the 2 s of -TimeoutSec (not the 30 s default, nor an earlier failure),
        # and the stalled request was neither retried nor given up on before it.
        $record.Exception | Should -BeOfType ([TokenLab.Client.TokenLabTimeoutException])
        $record.Exception.Timeout | Should -Be ([TimeSpan]::FromSeconds(2))
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
        @(Get-RetryTrace $result).Count | Should -Be 0
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $record.TargetObject | Should -Be 'tts-1'
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*-TimeoutSec*'
    }

    It 'counts retries inside -TimeoutSec (slow failures do not multiply the wait)' {
        Add-EmulatorFault -Match $Detail -Status 503 -LatencyMs 1500 -Count 10
        $result = Invoke-Model -Parameters @{ TimeoutSec = 2; MaxRetries = 5 }
        $result.Errors.Count | Should -Be 1
        # Each attempt takes at least 1.5 s on the emulator's side, so one 2 s budget for the whole
        # call leaves room for at most two; a timeout per attempt would have sent all six.
        $sent = @(Get-EmulatorRequest -Path $Detail).Count
        $sent | Should -BeGreaterOrEqual 1
        $sent | Should -BeLessOrEqual 2
        @(Get-RetryTrace $result).Count | Should -BeLessOrEqual 1
        $record = $result.Errors[0]
        if ($record.FullyQualifiedErrorId -like 'TokenLab.Timeout,*') {
            # A retry was started and the call's 2 s ran out during it.
            $record.Exception.Timeout | Should -Be ([TimeSpan]::FromSeconds(2))
        }
        else {
            # The back-off would have outlasted what was left of the 2 s, so the 503 was reported as is.
            $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.ServiceUnavailable,*'
            $sent | Should -Be 1
            @($result.Verbose | Where-Object { $_ -like 'Not retrying after 503: *would exceed the timeout of 2 s' }).Count | Should -Be 1
        }
    }

    It 'stops at once when the pipeline is stopped (Ctrl+C), mid-request' {
        # The emulator stalls the response until the client gives up, and with -TimeoutSec 600 the
        # client would give up only long after this test: nothing but the stop can end the call.
        Add-EmulatorFault -Match $Detail -Kind stall -Count 5
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($ModulePath, $BaseUri) Import-Module $ModulePath; Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -TimeoutSec 600').AddArgument($Test.ModulePath).AddArgument($BaseUri)
            $async = $shell.BeginInvoke()
            $null = Wait-TestCondition { @(Get-EmulatorRequest -Path $Detail).Count -gt 0 }
            $logged = @(Get-EmulatorRequest -Path $Detail)
            $logged.Count | Should -Be 1
            # Mid-request: the stalled response is still open (the emulator records no status until it ends).
            $logged[0].statusCode | Should -BeNullOrEmpty

            # Stop without blocking, so a stop that does not cancel the request fails the test instead of hanging it.
            $stop = $shell.BeginStop($null, $null)
            $null = Wait-TestCondition { $stop.IsCompleted }
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $shell.EndStop($stop)
            $async.IsCompleted | Should -BeTrue
            # Stopped, not failed: no timeout or other error was written.
            @($shell.Streams.Error).Count | Should -Be 0
            $shell.InvocationStateInfo.Reason | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])

            # The stop cancelled the HTTP request itself (the client dropped the connection, which ends the
            # stall) rather than leaving it running in the background, and nothing was sent again.
            $null = Wait-TestCondition { $null -ne @(Get-EmulatorRequest -Path $Detail)[0].statusCode }
            $logged = @(Get-EmulatorRequest -Path $Detail)
            $logged.Count | Should -Be 1
            $logged[0].statusCode | Should -Not -BeNullOrEmpty
        }
        finally {
            # Disposing a pipeline that is still running would wait for it: only when the test already failed.
            if ($shell.InvocationStateInfo.State -ne 'Running' -and $shell.InvocationStateInfo.State -ne 'Stopping') { $shell.Dispose() }
        }
    }
}

Describe 'Terminating and non-terminating errors' {
    BeforeEach { Reset-TestState }

    It '-ErrorAction Stop makes an API error terminating' {
        Add-EmulatorFault -Match $Detail -Status 404 -Code 'model_not_found' -Count 5
        $after = $false
        $caught = $null
        try {
            $null = Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ErrorAction Stop
            $after = $true
        }
        catch { $caught = $_ }
        $after | Should -BeFalse
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'TokenLab.ModelNotFound,*'
        { Get-TokenLabModel -Id tts-9 -BaseUri $BaseUri -ErrorAction Stop } | Should -Throw -ErrorId 'TokenLab.ModelNotFound,*'
    }

    It 'writes one error for the bad ID among several and still returns the others' {
        $result = Invoke-Model -Id 'tts-1', 'no-such-model', 'whisper-1'
        @($result.Output | ForEach-Object { $_.Id }) | Should -Be @('tts-1', 'whisper-1')
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].TargetObject | Should -Be 'no-such-model'
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ModelNotFound,*'
    }

    It 'keeps going after a failed item from the pipeline' {
        $errors = $null
        $output = @('no-such-model', 'whisper-1' | Get-TokenLabModel -BaseUri $BaseUri -ErrorVariable errors -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 1
        $output[0].Id | Should -Be 'whisper-1'
        @($errors).Count | Should -Be 1
        $errors[0].TargetObject | Should -Be 'no-such-model'
    }

    It 'refuses to send a key over plain http to a non-loopback host, before any input (terminating)' {
        $caught = $null
        try { $null = Get-TokenLabModel -Id tts-1 -BaseUri 'http://api.tokenlab.invalid/' -ApiKey $Test.ApiKey -ErrorAction SilentlyContinue }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'TokenLab.InvalidConfiguration,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.ErrorDetails.RecommendedAction | Should -BeLike '*https://*'
    }

    It 'Connect-TokenLab refuses the same combination and keeps no context' {
        { Connect-TokenLab -BaseUri 'http://api.tokenlab.invalid/' -ApiKey $Test.ApiKey } | Should -Throw -ErrorId 'TokenLab.InvalidConfiguration,*'
        (Get-TokenLabContext).Connected | Should -BeFalse
    }

    It 'refuses -ProxyCredential without -Proxy' {
        $credential = New-Object System.Management.Automation.PSCredential 'user', (ConvertTo-SecureText 'proxy-password')
        { Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri -ProxyCredential $credential } | Should -Throw -ErrorId 'TokenLab.InvalidConfiguration,*'
    }
}

Describe 'Proxy' {
    BeforeEach { Reset-TestState }

    It 'sends requests through -Proxy (the emulator acting as the proxy serves them)' {
        # Kestrel accepts the absolute-form request line a client sends to a proxy, so the emulator
        # can stand in as the proxy: the request for an unresolvable host reaches it only through -Proxy.
        $model = Get-TokenLabModel -Id tts-1 -BaseUri 'http://api.tokenlab.invalid/' -Proxy $BaseUri -MaxRetries 0
        $model.Id | Should -Be 'tts-1'
        @(Get-EmulatorRequest -Path $Detail).Count | Should -Be 1
    }

    It 'reports a proxy that refuses connections as ConnectionFailed' {
        # A non-loopback target: .NET sends requests for loopback addresses past any proxy.
        $port = Get-ClosedLoopbackPort
        $errors = $null
        $output = @(Get-TokenLabModel -Id tts-1 -BaseUri 'http://api.tokenlab.invalid/' -Proxy "http://127.0.0.1:$port/" -MaxRetries 0 -TimeoutSec 10 -ErrorVariable errors -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 0
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ConnectionFailed,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errors[0].TargetObject | Should -Be 'tts-1'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*proxy*'
    }

    It 'uses the proxy set by Connect-TokenLab' {
        Connect-TokenLab -BaseUri 'http://api.tokenlab.invalid/' -Proxy $BaseUri
        try {
            (Get-TokenLabModel -Id whisper-1 -MaxRetries 0).Id | Should -Be 'whisper-1'
            (Get-TokenLabContext).Proxy | Should -BeLike "$($BaseUri.TrimEnd('/'))*"
        }
        finally { Disconnect-TokenLab }
        @(Get-EmulatorRequest -Path '/v1/models/whisper-1').Count | Should -Be 1
    }
}
