# New-TokenLabSpeech against the emulator: pipeline binding, validation before any request, output
# locations, atomic and no-clobber writes, save instead of replay, -Split joins, the secrets guard,
# streaming (SSE), concurrency and ordering, Ctrl+C, progress, and the error records.
# Assertions use the emulator's request log, the files on disk and the output streams; never timings.
# Windows PowerShell 5.1 must be able to parse this file.
BeforeDiscovery {
    $script:ErrorCases = @(
        @{ Status = 400; Fault = @{ Status = 400; Param = 'input'; Message = 'input: Input is invalid'; ValidationErrors = @(@{ field = 'input'; message = 'Input is invalid' }) }; Id = 'TokenLab.InvalidRequest'; Category = 'InvalidArgument' }
        @{ Status = 401; Fault = @{ Status = 401 }; Id = 'TokenLab.AuthenticationFailed'; Category = 'AuthenticationError' }
        @{ Status = 402; Fault = @{ Status = 402 }; Id = 'TokenLab.InsufficientBalance'; Category = 'QuotaExceeded' }
        @{ Status = 413; Fault = @{ Status = 413 }; Id = 'TokenLab.PayloadTooLarge'; Category = 'LimitsExceeded' }
        @{ Status = 429; Fault = @{ Status = 429 }; Id = 'TokenLab.RateLimitExceeded'; Category = 'LimitsExceeded' }
        @{ Status = 500; Fault = @{ Status = 500 }; Id = 'TokenLab.ServerError'; Category = 'ResourceUnavailable' }
        @{ Status = 502; Fault = @{ Status = 502 }; Id = 'TokenLab.UpstreamError'; Category = 'ConnectionError' }
        @{ Status = 503; Fault = @{ Status = 503 }; Id = 'TokenLab.ServiceUnavailable'; Category = 'ResourceUnavailable' }
        @{ Status = 504; Fault = @{ Status = 504 }; Id = 'TokenLab.GatewayTimeout'; Category = 'OperationTimeout' }
    )
    $script:SecretCases = @(
        @{ Kind = 'TokenLab API key'; Text = 'Read this: sk-live-Zx8Qw2Er4Ty6Ui8Op0As'; Secret = 'Zx8Qw2Er4Ty6Ui8Op0As'; Line = 1; Marker = 'sk-live' }
        @{ Kind = 'management token'; Text = "Hello.`nToken mt-Hj3Kl5Zx7Cv9Bn1Mq2Wp"; Secret = 'Hj3Kl5Zx7Cv9Bn1Mq2Wp'; Line = 2; Marker = 'mt-' }
        @{ Kind = 'bearer token'; Text = 'Header Bearer eyQk9Lm2Np4Rs6Tu8Vw0Xy'; Secret = 'eyQk9Lm2Np4Rs6Tu8Vw0Xy'; Line = 1; Marker = 'Bearer' }
        @{ Kind = 'AWS key'; Text = 'Use AKIAZ7QWERTYUIOPASDF for uploads'; Secret = 'AKIAZ7QWERTYUIOPASDF'; Line = 1; Marker = 'AKIA' }
        @{ Kind = 'private key'; Text = "Key:`n-----BEGIN RSA PRIVATE KEY-----`nMIIEowIBAAKCAQEA`n-----END RSA PRIVATE KEY-----"; Secret = 'MIIEowIBAAKCAQEA'; Line = 2; Marker = '-----BEGIN' }
        @{ Kind = 'connection string password'; Text = 'Server=sql01;User Id=app;Password=Wint3rIsC0ming!;'; Secret = 'Wint3rIsC0ming'; Line = 1; Marker = 'Password=' }
        @{ Kind = 'URL with credentials'; Text = 'Open https://deploy:Pa55w0rdQ@intranet.contoso.com/'; Secret = 'Pa55w0rdQ'; Line = 1; Marker = 'https://deploy' }
        @{ Kind = 'signed URL'; Text = 'Get https://contoso.blob.core.windows.net/a/b.wav?sv=2024&sig=Qm9vZ2FsbG9v'; Secret = 'Qm9vZ2FsbG9v'; Line = 1; Marker = 'https://contoso' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $Speech = @{ BaseUri = $Test.BaseUri; ApiKey = $Test.ApiKey }
    $SpeechPath = '/v1/audio/speech'

    function New-TestFolder {
        $path = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $path
        $path
    }

    function Get-SpeechRequest { @(Get-EmulatorRequest -Path $SpeechPath) }

    function Get-RequestBody($Request) { ConvertFrom-Json -InputObject $Request.body }

    function Get-BodyField($Request) { @((Get-RequestBody $Request).PSObject.Properties | ForEach-Object { $_.Name }) }

    function Get-FolderEntry([string] $Folder) {
        # Everything in the folder, hidden files (the .partial temporary files) included.
        @(Get-ChildItem -LiteralPath $Folder -Force -Recurse | ForEach-Object { $_.Name } | Sort-Object)
    }

    function ConvertTo-Instant($Value) {
        # Windows PowerShell keeps JSON dates as text; PowerShell 7 parses them.
        if ($Value -is [string]) { return [DateTimeOffset]::Parse($Value, [Globalization.CultureInfo]::InvariantCulture) }
        [DateTimeOffset]$Value
    }

    function Get-Mp3FrameCount([string] $Path) {
        # Frames of the emulator's MPEG-2 Layer III stream (192 bytes each) after an optional ID3v2 tag.
        $bytes = [System.IO.File]::ReadAllBytes($Path)
        $offset = 0
        if ([System.Text.Encoding]::ASCII.GetString($bytes, 0, 3) -eq 'ID3') {
            $offset = 10 + ($bytes[6] * 2097152) + ($bytes[7] * 16384) + ($bytes[8] * 128) + $bytes[9]
        }
        $frames = 0
        while ($offset + 4 -le $bytes.Length) {
            if ($bytes[$offset] -ne 0xFF -or $bytes[$offset + 1] -ne 0xF3) { throw "No frame header at offset $offset of $Path" }
            $frames++
            $offset += 192
        }
        $frames
    }

    function Invoke-InShell {
        # Runs a script in a new PowerShell with the module, and returns the shell (for its streams) and output.
        param([scriptblock] $Script, [object[]] $Arguments = @())
        $shell = [powershell]::Create()
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', $Test.ModulePath).AddStatement()
        $null = $shell.AddScript($Script.ToString())
        foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
        $output = $shell.Invoke()
        [pscustomobject]@{ Shell = $shell; Output = @($output) }
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'New-TokenLabSpeech' {
    BeforeEach {
        Reset-Emulator
        Disconnect-TokenLab
    }

    Context 'Pipeline input and parameters' {
        It 'generates one file per string from the pipeline, named after the request' {
            $folder = New-TestFolder
            $results = @('Good morning.', 'The build is green.', 'Deploy at noon.' | New-TokenLabSpeech -OutDirectory $folder @Speech)

            $results.Count | Should -Be 3
            @(Get-SpeechRequest).Count | Should -Be 3
            foreach ($result in $results) {
                $result | Should -BeOfType ([TokenLab.PowerShell.Output.GeneratedSpeech])
                $result.Path | Should -BeOfType ([System.IO.FileInfo])
                $result.Path.FullName | Should -Exist
                $result.Path.DirectoryName | Should -Be $folder
                $result.Path.Name | Should -Match '^[a-z0-9-]+-[0-9a-f]{16}\.mp3$'
                $result.Bytes | Should -Be (Get-Item -LiteralPath $result.Path.FullName).Length
                $result.Skipped | Should -BeFalse
                $result.Requests | Should -Be 1
                $result.Model | Should -Be 'tts-1'
                $result.Voice | Should -Be 'alloy'
                $result.Format | Should -Be 'mp3'
                $result.Duration | Should -BeGreaterThan ([TimeSpan]::Zero)
                $result.Elapsed | Should -BeGreaterThan ([TimeSpan]::Zero)
            }
            @($results | ForEach-Object { $_.Text } | Sort-Object) | Should -Be @('Deploy at noon.', 'Good morning.', 'The build is green.')
            @($results | ForEach-Object { $_.RequestId } | Sort-Object) | Should -Be @(Get-SpeechRequest | ForEach-Object { $_.requestId } | Sort-Object)
            @($results | Where-Object { $_.BillingTransactionId -notlike 'bill_*' }).Count | Should -Be 0
            $results[0].Path.Name | Should -BeLike ('*' + (($results[0].Text.ToLowerInvariant() -replace '[^a-z0-9]+', '-').Trim('-')) + '-*')
        }

        It 'binds Text, Voice, Speed and Instructions by property name from objects' {
            $folder = New-TestFolder
            $rows = @(
                [pscustomobject]@{ Text = 'First row'; Voice = 'nova'; Speed = '1.5' }
                [pscustomobject]@{ Input = 'Second row'; Voice = 'echo' }
            )
            $results = @($rows | New-TokenLabSpeech -OutDirectory $folder -Ordered @Speech)
            $withInstructions = [pscustomobject]@{ Text = 'Third row'; Instructions = 'Speak slowly.' } |
                New-TokenLabSpeech -OutDirectory $folder -Model gpt-4o-mini-tts @Speech

            @($results | ForEach-Object { $_.Text }) | Should -Be @('First row', 'Second row')
            @($results | ForEach-Object { $_.Voice }) | Should -Be @('nova', 'echo')
            $bodies = @(Get-SpeechRequest | ForEach-Object { Get-RequestBody $_ })
            ($bodies | Where-Object { $_.input -eq 'First row' }).speed | Should -Be 1.5
            ($bodies | Where-Object { $_.input -eq 'Second row' }).PSObject.Properties['speed'] | Should -BeNullOrEmpty
            ($bodies | Where-Object { $_.input -eq 'Third row' }).instructions | Should -Be 'Speak slowly.'
            $withInstructions.Model | Should -Be 'gpt-4o-mini-tts'
        }

        It 'takes the model from a model object, so the current top recommendation is used' {
            $folder = New-TestFolder
            $top = Get-TokenLabModel -RecommendedFor tts -BaseUri $Test.BaseUri | Select-Object -First 1
            $result = $top | New-TokenLabSpeech -Text 'Use the best model.' -OutDirectory $folder @Speech

            $result.Model | Should -Be $top.Id
            (Get-RequestBody (Get-SpeechRequest)[0]).model | Should -Be $top.Id
        }

        It 'takes no model from an Id column: Import-Csv rows with Id, Text and Voice each speak with the default model' {
            $folder = New-TestFolder
            $csv = Join-Path $folder 'prompts.csv'
            @(
                [pscustomobject][ordered]@{ Id = 'P001'; Text = 'Welcome.'; Voice = 'nova' }
                [pscustomobject][ordered]@{ Id = 'P002'; Text = 'Please hold.'; Voice = 'echo' }
            ) | Export-Csv -LiteralPath $csv -NoTypeInformation
            $results = @(Import-Csv -LiteralPath $csv | New-TokenLabSpeech -OutDirectory $folder -Ordered @Speech)

            @($results | ForEach-Object { $_.Model } | Select-Object -Unique) | Should -Be 'tts-1'
            @(Get-SpeechRequest | ForEach-Object { (Get-RequestBody $_).model } | Select-Object -Unique) | Should -Be 'tts-1'
            @(Get-SpeechRequest | ForEach-Object { $_.statusCode } | Select-Object -Unique) | Should -Be 200
            # A Model column (or a model object's Model alias property) still names the model.
            ([pscustomobject]@{ Id = 'P003'; Model = 'gpt-4o-mini-tts'; Text = 'Hello.' } | New-TokenLabSpeech -OutDirectory $folder @Speech).Model | Should -Be 'gpt-4o-mini-tts'
        }

        It 'sends only the fields that are set, and the voice ID in its object form' {
            $folder = New-TestFolder
            $null = New-TokenLabSpeech 'Plain' -OutDirectory $folder @Speech
            $null = New-TokenLabSpeech 'Custom voice' -VoiceId 'voice-1234' -Model gpt-4o-mini-tts -Format pcm -OutDirectory $folder @Speech

            $requests = Get-SpeechRequest
            (Get-BodyField $requests[0]) | Should -Be @('model', 'input', 'voice', 'response_format') -Because 'the format is always sent: the file extension depends on it'
            (Get-RequestBody $requests[0]).response_format | Should -Be 'mp3'
            (Get-BodyField $requests[1]) | Should -Be @('model', 'input', 'voice', 'response_format')
            (Get-RequestBody $requests[1]).voice.id | Should -Be 'voice-1234'
        }

        It 'takes the delivery policy from -DeliveryPolicy, else from Connect-TokenLab, for speech only' {
            $folder = New-TestFolder
            $null = New-TokenLabSpeech 'Verified please' -DeliveryPolicy verified -OutDirectory $folder @Speech
            $null = New-TokenLabSpeech 'No policy' -OutDirectory $folder @Speech
            Connect-TokenLab -BaseUri $Test.BaseUri -ApiKey $Test.ApiKey -DeliveryPolicy official
            $null = New-TokenLabSpeech 'From the context' -OutDirectory $folder
            $null = Get-TokenLabModel -Id tts-1

            $requests = Get-SpeechRequest
            Get-RecordedHeader $requests[0] 'X-TokenLab-Delivery-Policy' | Should -Be 'verified'
            Get-RecordedHeader $requests[1] 'X-TokenLab-Delivery-Policy' | Should -BeNullOrEmpty
            Get-RecordedHeader $requests[2] 'X-TokenLab-Delivery-Policy' | Should -Be 'official'
            Get-RecordedHeader (Get-EmulatorRequest -Path '/v1/models/tts-1')[0] 'X-TokenLab-Delivery-Policy' | Should -BeNullOrEmpty
        }
    }

    Context 'Voices and cost from the model''s catalog details' {
        It 'without -Voice sends the voice the details of <Model> give (<Voice>), not alloy to every model' -ForEach @(
            @{ Model = 'gemini-2.5-flash-tts'; Voice = 'Kore' }
            @{ Model = 'speech-02-hd'; Voice = 'female-shaonv' }
            @{ Model = 'tts-1-hd'; Voice = 'nova' }
            @{ Model = 'tts-1'; Voice = 'alloy' }
        ) {
            $result = New-TokenLabSpeech 'Hello there.' -Model $Model -Format wav -OutDirectory (New-TestFolder) @Speech
            $result.Voice | Should -Be $Voice
            (Get-RequestBody (Get-SpeechRequest)[0]).voice | Should -Be $Voice
        }

        It 'warns before sending a -Voice the details do not list, and still sends it' {
            $warnings = $null
            $null = New-TokenLabSpeech 'Hello there.' -Model gemini-2.5-flash-tts -Voice alloy -Format wav -OutDirectory (New-TestFolder) @Speech -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
            @($warnings).Count | Should -Be 1
            $warnings[0].Message | Should -BeLike "*'alloy'*gemini-2.5-flash-tts*Kore*"
            @(Get-SpeechRequest).Count | Should -Be 1
            (Get-RequestBody (Get-SpeechRequest)[0]).voice | Should -Be 'alloy'
        }

        It 'says nothing about a listed voice' {
            $warnings = $null
            $null = New-TokenLabSpeech 'Hello there.' -Model gemini-2.5-flash-tts -Voice Puck -Format wav -OutDirectory (New-TestFolder) @Speech -WarningVariable warnings
            @($warnings).Count | Should -Be 0
        }

        It 'a catalog that cannot be read fails nothing: alloy, no EstimatedCost, a verbose note' {
            Clear-TokenLabCatalogCache
            Add-EmulatorFault -Match '/v1/models/tts-1-hd' -Status 503 -Count 5
            $output = @(New-TokenLabSpeech 'Hello there.' -Model tts-1-hd -OutDirectory (New-TestFolder) @Speech -Verbose 4>&1)
            $result = $output | Where-Object { $_ -is [TokenLab.PowerShell.Output.GeneratedSpeech] }
            $result.Voice | Should -Be 'alloy'
            $result.EstimatedCost | Should -BeNullOrEmpty
            @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'The details of tts-1-hd could not be read*no EstimatedCost*' }).Count | Should -Be 1
            @(Get-SpeechRequest).Count | Should -Be 1
            Clear-TokenLabCatalogCache
        }

        It 'carries an EstimatedCost from the catalog price and the characters billed, zero for a file reused, and Export-Csv has it as a column' {
            $folder = New-TestFolder
            $results = @('Doors open at nine.', 'The build is green.' | New-TokenLabSpeech -OutDirectory $folder -Ordered @Speech)
            $again = New-TokenLabSpeech 'Doors open at nine.' -OutDirectory $folder @Speech

            $results[0].EstimatedCost.Amount | Should -Be ([math]::Round([decimal]15 * 'Doors open at nine.'.Length / 1000000, 6))
            $results[0].EstimatedCost.Currency | Should -Be 'USD'
            $results[0].EstimatedCost.Basis | Should -BeLike '19 characters at *'
            $again.Skipped | Should -BeTrue
            $again.EstimatedCost.Amount | Should -Be 0
            $csv = Join-Path $folder 'batch.csv'
            $results | Export-Csv -LiteralPath $csv -NoTypeInformation
            @(Import-Csv -LiteralPath $csv | ForEach-Object { $_.EstimatedCost }) | Should -Be @($results | ForEach-Object { [string]$_.EstimatedCost })
            (Import-Csv -LiteralPath $csv)[0].EstimatedCost | Should -Be '0.000285 USD'
        }

        It 'prices a token-billed model by the tokens its stream reports' {
            $result = New-TokenLabSpeech 'Hello there.' -Model gpt-4o-mini-tts -Stream -OutDirectory (New-TestFolder) @Speech
            $expected = [math]::Round(([decimal]$result.Usage.InputTokens * 0.6 + [decimal]$result.Usage.OutputTokens * 12) / 1000000, 6)
            $result.EstimatedCost.Amount | Should -Be $expected
            $result.EstimatedCost.Amount | Should -BeGreaterThan 0
        }
    }

    Context 'Validation before any request' {
        It 'refuses a piped <Name>, which is neither text nor has a Text or Input property, and speaks the other items' -ForEach @(
            @{ Name = 'hashtable'; Make = { @{ Note = 'not text' } }; Type = 'System.Collections.Hashtable' }
            @{ Name = 'FileInfo'; Make = { Get-Item -LiteralPath $PSCommandPath }; Type = 'System.IO.FileInfo' }
        ) {
            $folder = New-TestFolder
            $items = @((& $Make), 'Real text', 42)

            $results = @($items | New-TokenLabSpeech -OutDirectory $folder -Ordered @Speech -ErrorVariable failed -ErrorAction SilentlyContinue)

            @($failed | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' }) | Should -Be @('TokenLab.InvalidArgument')
            $failed[0].Exception.Message | Should -BeLike "A $Type object is not text to speak*"
            $failed[0].TargetObject | Should -Be $Type
            @($results | ForEach-Object { $_.Text }) | Should -Be @('Real text', '42')
            @(Get-SpeechRequest | ForEach-Object { (Get-RequestBody $_).input } | Sort-Object) | Should -Be @('42', 'Real text')
        }

        It 'refuses an empty -Text argument with TokenLab.TextEmpty' {
            $folder = New-TestFolder
            foreach ($blank in '', '   ') {
                $errors = $null
                New-TokenLabSpeech -Text $blank -OutDirectory $folder @Speech -ErrorVariable errors -ErrorAction SilentlyContinue
                @($errors).Count | Should -Be 1
                $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.TextEmpty,*'
                $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            }
            @(Get-SpeechRequest).Count | Should -Be 0
        }

        It 'skips blank lines from the pipeline with a verbose line each and a count, not an error' {
            $folder = New-TestFolder
            $errors = $null
            $all = @('', 'Fine', '   ', "`t" | New-TokenLabSpeech -OutDirectory $folder @Speech -ErrorVariable errors -Verbose 4>&1)
            $results = @($all | Where-Object { $_ -is [TokenLab.PowerShell.Output.GeneratedSpeech] })
            $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })

            $results.Count | Should -Be 1
            @($errors).Count | Should -Be 0
            @(Get-SpeechRequest).Count | Should -Be 1
            @($verbose | Where-Object { $_ -like 'Skipped input item * its text is blank.' }).Count | Should -Be 3
            $verbose | Should -Contain 'Skipped 3 of 4 input items with blank text.'
        }

        It 'speaks a file with a blank line under $ErrorActionPreference = Stop, as a runbook reads it' {
            $folder = New-TestFolder
            $lines = Join-Path $folder 'announcements.txt'
            Set-Content -LiteralPath $lines -Value 'Doors open at nine.', '', 'The keynote starts at ten.'
            $results = & {
                $ErrorActionPreference = 'Stop'
                @(Get-Content -LiteralPath $lines | New-TokenLabSpeech -OutDirectory (Join-Path $folder 'out') -Ordered @Speech)
            }

            @($results | ForEach-Object { $_.Text }) | Should -Be @('Doors open at nine.', 'The keynote starts at ten.')
            @(Get-ChildItem -LiteralPath (Join-Path $folder 'out') -Force).Count | Should -Be 2
        }

        It 'refuses text over 4096 characters without -Split, naming -Split' {
            $folder = New-TestFolder
            $text = 'word ' * 1000
            $errors = $null
            New-TokenLabSpeech $text -OutDirectory $folder @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.TextTooLong,*'
            $errors[0].Exception.Message | Should -BeLike '*5000 characters*4096*'
            $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Split*'
            $errors[0].TargetObject | Should -Be $text
            @(Get-SpeechRequest).Count | Should -Be 0
            Get-FolderEntry $folder | Should -BeNullOrEmpty
        }

        It 'refuses a speed outside 0.25 to 4 and instructions over 2000 characters when binding' {
            { New-TokenLabSpeech 'Hi' -Speed 4.5 @Speech -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'
            { New-TokenLabSpeech 'Hi' -Speed 0.2 @Speech -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'
            { New-TokenLabSpeech 'Hi' -Instructions ('x' * 2001) @Speech -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'
            @(Get-SpeechRequest).Count | Should -Be 0
        }

        It 'infers the format from the -OutFile extension and refuses a -Format that contradicts it' {
            $folder = New-TestFolder
            $result = New-TokenLabSpeech 'Wave' -OutFile (Join-Path $folder 'wave.wav') @Speech
            $errors = $null
            New-TokenLabSpeech 'Clash' -OutFile (Join-Path $folder 'clash.wav') -Format mp3 @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            $result.Format | Should -Be 'wav'
            (Get-RequestBody (Get-SpeechRequest)[0]).response_format | Should -Be 'wav'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.FormatMismatch,*'
            @(Get-SpeechRequest).Count | Should -Be 1
            Join-Path $folder 'clash.wav' | Should -Not -Exist
        }

        It 'refuses -Stream for tts-1 and tts-1-hd before sending, as the API does' {
            $errors = $null
            'tts-1', 'tts-1-hd' | ForEach-Object {
                New-TokenLabSpeech 'Stream me' -Model $_ -Stream -OutDirectory $TestDrive @Speech -ErrorVariable +errors -ErrorAction SilentlyContinue
            }

            @($errors).Count | Should -Be 2
            @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'TokenLab.StreamNotSupported,*' }).Count | Should -Be 2
            @(Get-SpeechRequest).Count | Should -Be 0
        }

        It 'refuses -Voice with -VoiceId' {
            $errors = $null
            New-TokenLabSpeech 'Both' -Voice alloy -VoiceId v1 -OutDirectory $TestDrive @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ConflictingParameters,*'
            @(Get-SpeechRequest).Count | Should -Be 0
        }
    }

    Context 'The secrets guard' {
        It 'refuses a <Kind> and says where, never what' -ForEach $SecretCases {
            $folder = New-TestFolder
            $errors = $null
            New-TokenLabSpeech $Text -OutDirectory $folder @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            @(Get-SpeechRequest).Count | Should -Be 0
            Get-FolderEntry $folder | Should -BeNullOrEmpty
            $record = $errors[0]
            $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.SensitiveText,*'
            $record.CategoryInfo.Category | Should -Be 'SecurityError'
            $column = (($Text -split "`n")[$Line - 1]).IndexOf($Marker, [StringComparison]::Ordinal) + 1
            $record.Exception.Message | Should -BeLike "*at line $Line, column $column*"
            $record.ErrorDetails.RecommendedAction | Should -BeLike '*-AllowSensitiveText*'
            $shown = @($record.ToString(), $record.Exception.Message, $record.ErrorDetails.Message, $record.ErrorDetails.RecommendedAction, [string]$record.TargetObject) -join "`n"
            $shown.IndexOf($Secret, [StringComparison]::Ordinal) | Should -Be -1
            [string]$record.TargetObject | Should -BeLike '*removed>*' -Because 'the target is the text with the secret masked'
        }

        It 'checks -Instructions too' {
            $errors = $null
            New-TokenLabSpeech 'Hello' -Model gpt-4o-mini-tts -Instructions 'Use key sk-Qw3Er5Ty7Ui9Op1As3Df' -OutDirectory $TestDrive @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.SensitiveText,*'
            $errors[0].Exception.Message | Should -BeLike '-Instructions*'
        }

        It 'scans a long -Split text made of key characters and goes on with the next item' {
            # Long runs of letters and dots made the old regular expressions time out, which ended the whole pipeline.
            $folder = New-TestFolder
            $long = ('a.' * 200000) + ' sk-Zq4Lm8Kp2Vx6Bn0Tc3Hw5Jd'
            $errors = $null
            $results = @('First line.', $long, 'Third line.' | New-TokenLabSpeech -Split -OutDirectory $folder @Speech -ErrorVariable errors -ErrorAction SilentlyContinue)

            @($results | ForEach-Object { $_.Text }) | Sort-Object | Should -Be @('First line.', 'Third line.')
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.SensitiveText,*'
            $errors[0].Exception.Message | Should -BeLike '*TokenLab API key*line 1, column 400002*'
        }

        It 'sends the text with -AllowSensitiveText' {
            $folder = New-TestFolder
            $result = New-TokenLabSpeech 'Say sk-not-a-real-key-1234567890 aloud' -AllowSensitiveText -OutDirectory $folder @Speech

            $result.Path.FullName | Should -Exist
            (Get-RequestBody (Get-SpeechRequest)[0]).input | Should -BeLike '*sk-not-a-real-key*'
        }
    }

    Context 'Output locations' {
        It 'resolves a relative -OutFile against the current PowerShell location, not the process directory' {
            $folder = New-TestFolder
            Push-Location -LiteralPath $folder
            try {
                $result = New-TokenLabSpeech 'Relative' -OutFile 'relative.mp3' @Speech
            }
            finally {
                Pop-Location
            }

            $result.Path.FullName | Should -Be (Join-Path $folder 'relative.mp3')
            Join-Path $folder 'relative.mp3' | Should -Exist
        }

        It 'accepts PowerShell provider paths (a PSDrive) and refuses other providers' {
            $folder = New-TestFolder
            $null = New-PSDrive -Name TLSpeech -PSProvider FileSystem -Root $folder -Scope Global
            try {
                $result = New-TokenLabSpeech 'On a drive' -OutFile 'TLSpeech:\drive.mp3' @Speech
                $errors = $null
                New-TokenLabSpeech 'Not a file' -OutFile 'Env:\speech.mp3' @Speech -ErrorVariable errors -ErrorAction SilentlyContinue
            }
            finally {
                Remove-PSDrive -Name TLSpeech -Scope Global
            }

            $result.Path.FullName | Should -Be (Join-Path $folder 'drive.mp3')
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.InvalidOutputPath,*'
            @(Get-SpeechRequest).Count | Should -Be 1
        }

        It 'refuses an -OutFile in a folder that does not exist, and creates a missing -OutDirectory' {
            $folder = New-TestFolder
            $errors = $null
            New-TokenLabSpeech 'Nowhere' -OutFile (Join-Path $folder 'missing/x.mp3') @Speech -ErrorVariable errors -ErrorAction SilentlyContinue
            $deeper = Join-Path (Join-Path $folder 'new') 'deeper'
            $created = New-TokenLabSpeech 'Somewhere' -OutDirectory $deeper @Speech

            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.InvalidOutputPath,*'
            $created.Path.DirectoryName | Should -Be $deeper
            @(Get-SpeechRequest).Count | Should -Be 1
        }

        It 'refuses an -OutFile or -OutDirectory with a line break or a NUL in its name as TokenLab.InvalidOutputPath, before any request' {
            $folder = New-TestFolder
            $errors = @()
            foreach ($name in @("two`nlines.mp3", "nul`0byte.mp3")) {
                $failed = $null
                New-TokenLabSpeech 'Control' -OutFile (Join-Path $folder $name) @Speech -ErrorVariable failed -ErrorAction SilentlyContinue
                $errors += $failed
            }
            $failed = $null
            New-TokenLabSpeech 'Control' -OutDirectory (Join-Path $folder "tab`tfolder") @Speech -ErrorVariable failed -ErrorAction SilentlyContinue
            $errors += $failed

            @($errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' }) | Should -Be @('TokenLab.InvalidOutputPath', 'TokenLab.InvalidOutputPath', 'TokenLab.InvalidOutputPath')
            $errors[0].Exception.Message | Should -BeLike '*control character*'
            @(Get-SpeechRequest).Count | Should -Be 0
            @(Get-FolderEntry $folder).Count | Should -Be 0
        }

        It 'saves in the current location when no output is named' {
            $folder = New-TestFolder
            Push-Location -LiteralPath $folder
            try { $result = New-TokenLabSpeech 'Here' @Speech } finally { Pop-Location }

            $result.Path.DirectoryName | Should -Be $folder
        }

        It 'writes the bytes to the pipeline with -AsByteStream, the same bytes as the file' {
            $folder = New-TestFolder
            $file = New-TokenLabSpeech 'Bytes or file' -Format wav -OutDirectory $folder @Speech
            $chunks = @(New-TokenLabSpeech 'Bytes or file' -Format wav -AsByteStream @Speech)
            $bytes = New-Object System.Collections.Generic.List[byte]
            foreach ($chunk in $chunks) { $bytes.AddRange([byte[]]$chunk) }

            $chunks.Count | Should -BeGreaterThan 0
            $chunks[0].GetType() | Should -Be ([byte[]])
            [Convert]::ToBase64String($bytes.ToArray()) | Should -Be ([Convert]::ToBase64String([System.IO.File]::ReadAllBytes($file.Path.FullName)))
            @(Get-SpeechRequest).Count | Should -Be 2
        }
    }

    Context 'Atomic, no-clobber writes' {
        It 'reports a target that stays locked under -Force as TokenLab.OutputWriteFailed naming the lock, not the disk space' {
            # A lock on the target (a media player on Windows) cannot be made on Linux: the writer's retries are an xunit
            # test; this is the error record the cmdlets write for what the writer then throws.
            $factory = [TokenLab.PowerShell.Errors.ErrorIds].Assembly.GetType('TokenLab.PowerShell.Errors.ErrorRecordFactory', $true)
            $sharingViolation = [System.IO.IOException]::new('The process cannot access the file because it is being used by another process.', -2147024864)
            $locked = [TokenLab.Client.IO.OutputFileReplaceException]::new('/out/speech.wav', $sharingViolation)

            $record = $factory.GetMethod('FromException').Invoke($null, [object[]]@($locked, 'speech'))

            $record.FullyQualifiedErrorId | Should -BeLike 'TokenLab.OutputWriteFailed*'
            $record.CategoryInfo.Category | Should -Be 'WriteError'
            $record.Exception.Message | Should -BeLike "*'/out/speech.wav' could not be replaced*another program holds it open*"
            $record.ErrorDetails.RecommendedAction | Should -BeLike '*Close the program*'
            $record.ErrorDetails.RecommendedAction | Should -Not -BeLike '*disk space*'
        }

        It 'does not overwrite an existing -OutFile without -Force, says so, and sends nothing' {
            $folder = New-TestFolder
            $target = Join-Path $folder 'keep.mp3'
            Set-Content -LiteralPath $target -Value 'precious'
            $errors = $null
            New-TokenLabSpeech 'Overwrite?' -OutFile $target @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.FileExists,*'
            $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $errors[0].Exception.Message | Should -BeLike '*already exists*-Force*'
            $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Force*'
            $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeLike '*NoClobber*' -Because 'New-TokenLabSpeech has no -NoClobber parameter'
            (Get-Content -LiteralPath $target) | Should -Be 'precious'
            @(Get-SpeechRequest).Count | Should -Be 0

            $replaced = New-TokenLabSpeech 'Overwrite!' -OutFile $target -Force @Speech
            $replaced.Bytes | Should -Be (Get-Item -LiteralPath $target).Length
            Get-FolderEntry $folder | Should -Be @('keep.mp3')
        }

        It 'refuses a second item for the same -OutFile' {
            $folder = New-TestFolder
            $rows = @(
                [pscustomobject]@{ Text = 'One'; OutFile = (Join-Path $folder 'same.mp3') }
                [pscustomobject]@{ Text = 'Two'; OutFile = (Join-Path $folder 'same.mp3') }
                [pscustomobject]@{ Text = 'Three'; OutFile = (Join-Path $folder 'other.mp3') }
            )
            $errors = $null
            $results = @($rows | New-TokenLabSpeech @Speech -ErrorVariable errors -ErrorAction SilentlyContinue)

            $results.Count | Should -Be 2
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.OutFileReused,*'
            Get-FolderEntry $folder | Should -Be @('other.mp3', 'same.mp3')
        }

        It 'leaves no partial and no temporary file when the body is cut off' {
            $folder = New-TestFolder
            Add-EmulatorFault -Match $SpeechPath -Kind truncate
            $errors = $null
            New-TokenLabSpeech 'This body will be cut off half way.' -Format wav -OutDirectory $folder @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ProtocolError,*'
            $errors[0].CategoryInfo.Category | Should -Be 'ProtocolError'
            $errors[0].Exception.RequestId | Should -Be (Get-SpeechRequest)[0].requestId
            @(Get-SpeechRequest).Count | Should -Be 1 -Because 'a body that started to arrive is never retried'
            Get-FolderEntry $folder | Should -BeNullOrEmpty
        }

        It 'writes to a temporary file beside the target while audio arrives, and Ctrl+C removes it and stops the pipeline' {
            $folder = New-TestFolder
            Add-EmulatorFault -Match $SpeechPath -Kind drip -Count 0 -Property @{ dripBytesPerSecond = 2000 }
            $shell = [powershell]::Create()
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $Test.ModulePath).AddStatement()
            $null = $shell.AddScript('param($Folder, $BaseUri, $Key) ''first line of many'', ''second line of many'', ''third line of many'' | New-TokenLabSpeech -Format wav -OutDirectory $Folder -BaseUri $BaseUri -ApiKey $Key -ThrottleLimit 2')
            $null = $shell.AddArgument($folder).AddArgument($Test.BaseUri).AddArgument($Test.ApiKey)
            $async = $shell.BeginInvoke()
            try {
                Wait-TestCondition { @(Get-SpeechRequest).Count -eq 2 -and @(Get-ChildItem -LiteralPath $folder -Force -Filter '*.partial').Count -eq 2 } | Should -BeTrue -Because 'two requests are in flight, each writing its temporary file'
                @(Get-ChildItem -LiteralPath $folder -Force -Filter '*.wav').Count | Should -Be 0 -Because 'a file appears only when complete'
                @(Get-ChildItem -LiteralPath $folder -Force -Filter '.*.wav.*.partial').Count | Should -Be 2 -Because 'the temporary files sit beside their targets'
                $shell.Stop()
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                $async.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue -Because 'the invocation has ended'
            }
            finally {
                $shell.Dispose()
                Clear-EmulatorFault
            }

            Get-FolderEntry $folder | Should -BeNullOrEmpty
            @(Get-SpeechRequest).Count | Should -Be 2 -Because 'the third item never started'
        }

        It 'cancels work still running when the pipeline ends early (Select-Object -First)' {
            $folder = New-TestFolder
            Add-EmulatorFault -Match $SpeechPath -BodyContains 'slow line' -Kind drip -Count 0 -Property @{ dripBytesPerSecond = 2000 }
            $first = @('quick line', 'slow line' | New-TokenLabSpeech -Format wav -OutDirectory $folder -ThrottleLimit 2 -Ordered:$false @Speech | Select-Object -First 1)
            Clear-EmulatorFault

            $first.Count | Should -Be 1
            $first[0].Text | Should -Be 'quick line'
            Get-FolderEntry $folder | Should -Be @($first[0].Path.Name)
        }
    }

    Context 'Save instead of replay (-OutDirectory)' {
        It 'skips items whose file exists, without a request, and regenerates them with -Force' {
            $folder = New-TestFolder
            $lines = 'Line one.', 'Line two.'
            $first = @($lines | New-TokenLabSpeech -OutDirectory $folder -Ordered @Speech)
            Clear-EmulatorRequest
            $again = @($lines + 'Line three.' | New-TokenLabSpeech -OutDirectory $folder -Ordered @Speech)

            @($again | ForEach-Object { $_.Skipped }) | Should -Be @($true, $true, $false)
            @(Get-SpeechRequest).Count | Should -Be 1
            (Get-RequestBody (Get-SpeechRequest)[0]).input | Should -Be 'Line three.'
            $again[0].Path.FullName | Should -Be $first[0].Path.FullName
            $again[0].Bytes | Should -Be $first[0].Bytes
            $again[0].Duration | Should -Be $first[0].Duration
            $again[0].RequestId | Should -BeNullOrEmpty
            $again[0].Requests | Should -Be 0

            Clear-EmulatorRequest
            $forced = @($lines | New-TokenLabSpeech -OutDirectory $folder -Force @Speech)
            @($forced | Where-Object { $_.Skipped }).Count | Should -Be 0
            @(Get-SpeechRequest).Count | Should -Be 2
            @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be 3
        }

        It 'generates again, instead of skipping, a file left empty (as a power cut before the disk write leaves it)' {
            $folder = New-TestFolder
            $first = New-TokenLabSpeech 'Left empty.' -OutDirectory $folder @Speech
            [System.IO.File]::WriteAllBytes($first.Path.FullName, [byte[]]@())
            Clear-EmulatorRequest

            $again = New-TokenLabSpeech 'Left empty.' -OutDirectory $folder @Speech

            $again.Skipped | Should -BeFalse
            @(Get-SpeechRequest).Count | Should -Be 1
            (Get-Item -LiteralPath $first.Path.FullName).Length | Should -Be $first.Bytes
        }

        It 'maps the same request to the same file and a different request to another' {
            $folder = New-TestFolder
            $a = New-TokenLabSpeech 'Same text' -OutDirectory $folder @Speech
            $b = New-TokenLabSpeech 'Same text' -Voice nova -OutDirectory $folder @Speech
            $c = New-TokenLabSpeech 'Same text' -Speed 1.25 -OutDirectory $folder @Speech
            $d = New-TokenLabSpeech 'Same text' -OutDirectory $folder @Speech

            @($a.Path.Name, $b.Path.Name, $c.Path.Name | Sort-Object -Unique).Count | Should -Be 3
            $d.Path.Name | Should -Be $a.Path.Name
            $d.Skipped | Should -BeTrue
        }

        It 'reports Skipped, not TokenLab.FileExists, when another process saved the same request meanwhile' {
            $other = New-TestFolder
            $folder = New-TestFolder
            $saved = New-TokenLabSpeech 'Two processes, one folder' -OutDirectory $other @Speech
            Reset-Emulator
            # The response waits, so that "the other process" renames its file in while this request is in flight.
            Add-EmulatorFault -Match $SpeechPath -Kind latency -LatencyMs 4000
            $shell = [powershell]::Create()
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $Test.ModulePath).AddStatement()
            $null = $shell.AddCommand('New-TokenLabSpeech').AddParameter('Text', 'Two processes, one folder').AddParameter('OutDirectory', $folder).AddParameter('Verbose').AddParameter('BaseUri', $Test.BaseUri).AddParameter('ApiKey', $Test.ApiKey)
            try {
                $pending = $shell.BeginInvoke()
                Wait-TestCondition { @(Get-SpeechRequest).Count -eq 1 } | Should -BeTrue
                Copy-Item -LiteralPath $saved.Path.FullName -Destination (Join-Path $folder $saved.Path.Name)
                $results = @($shell.EndInvoke($pending))
                $errors = @($shell.Streams.Error)
                $verbose = @($shell.Streams.Verbose | ForEach-Object { $_.Message })
            }
            finally {
                $shell.Dispose()
            }

            $errors.Count | Should -Be 0
            $results.Count | Should -Be 1
            $results[0].Skipped | Should -BeTrue
            $results[0].Path.FullName | Should -Be (Join-Path $folder $saved.Path.Name)
            $results[0].Bytes | Should -Be $saved.Bytes
            ($verbose -join "`n") | Should -BeLike '*another process saved the same request*'
            Get-FolderEntry $folder | Should -Be @($saved.Path.Name)
        }

        It 'reports a duplicate item of the same command as skipped, with one request' {
            $folder = New-TestFolder
            $results = @('Twice', 'Twice' | New-TokenLabSpeech -OutDirectory $folder -Ordered @Speech)

            @($results | ForEach-Object { $_.Skipped }) | Should -Be @($false, $true)
            @(Get-SpeechRequest).Count | Should -Be 1
        }
    }

    Context '-WhatIf' {
        It 'sends nothing and writes nothing' {
            $folder = Join-Path (New-TestFolder) 'not-created'
            $capture = Invoke-WithFullCapture {
                'One', 'Two' | New-TokenLabSpeech -OutDirectory $folder -WhatIf @Speech
                New-TokenLabSpeech 'Three' -AsByteStream -WhatIf @Speech
            }

            @(Get-SpeechRequest).Count | Should -Be 0
            $folder | Should -Not -Exist
            @($capture.Items | Where-Object { $_ -is [TokenLab.PowerShell.Output.GeneratedSpeech] -or $_ -is [byte[]] }).Count | Should -Be 0
            $capture.Transcript | Should -BeLike '*What if*Generate speech (tts-1, voice alloy, mp3; 3 characters in 1 request;*not-created*'
            $capture.Transcript | Should -BeLike '*What if*the pipeline*'
        }
    }

    Context 'Long text (-Split)' {
        BeforeAll {
            $Sentences = @(for ($i = 1; $i -le 150; $i++) { "This is sentence number $i of a long announcement." })
            $LongText = $Sentences -join ' '
        }

        It 'joins the parts into one valid WAV whose header sizes match its length' {
            $folder = New-TestFolder
            $result = New-TokenLabSpeech $LongText -Split -Format wav -OutDirectory $folder @Speech
            $layout = Read-TestWav $result.Path.FullName
            $requests = Get-SpeechRequest

            $requests.Count | Should -BeGreaterThan 1
            $result.Requests | Should -Be $requests.Count
            @($requests | ForEach-Object { (Get-RequestBody $_).input.Length } | Where-Object { $_ -gt 4096 }).Count | Should -Be 0
            @($requests | ForEach-Object { (Get-RequestBody $_).input } | Where-Object { -not $_.EndsWith('.') }).Count | Should -Be 0 -Because 'parts end at sentence ends'
            ((@($requests | ForEach-Object { (Get-RequestBody $_).input }) -join ' ')) | Should -Be $LongText
            $layout.Riff | Should -Be 'RIFF'
            $layout.RiffSize | Should -Be ($layout.Length - 8)
            $layout.DataSize | Should -Be ($layout.Length - $layout.DataOffset)
            $layout.DataOffset | Should -Be 44 -Because 'one canonical header, no chunks from the parts'
            $layout.SampleRate | Should -Be 24000
            $result.Bytes | Should -Be $layout.Length
            [Math]::Abs($result.Duration.TotalSeconds - $layout.DataSize / 48000) | Should -BeLessThan 0.001
            $result.RequestId | Should -Be ((@($requests | ForEach-Object { $_.requestId })) -join ', ')
        }

        It 'joins mp3 parts frame by frame and pcm parts byte by byte' {
            $folder = New-TestFolder
            $mp3 = New-TokenLabSpeech $LongText -Split -Format mp3 -OutDirectory $folder @Speech
            $pcm = New-TokenLabSpeech $LongText -Split -Format pcm -OutDirectory $folder @Speech

            $frames = Get-Mp3FrameCount $mp3.Path.FullName
            [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($mp3.Path.FullName), 0, 3) | Should -Not -Be 'ID3'
            [Math]::Abs($mp3.Duration.TotalSeconds - $frames * 0.024) | Should -BeLessThan 0.001
            [Math]::Abs($pcm.Bytes / 48000 - $pcm.Duration.TotalSeconds) | Should -BeLessThan 0.001
            $mp3.Requests | Should -BeGreaterThan 1
            $pcm.Requests | Should -Be $mp3.Requests
        }

        It 'writes numbered parts for formats that cannot be joined' {
            $folder = New-TestFolder
            $parts = @(New-TokenLabSpeech $LongText -Split -OutFile (Join-Path $folder 'announcement.opus') @Speech)

            $parts.Count | Should -Be @(Get-SpeechRequest).Count
            @($parts | ForEach-Object { $_.Part }) | Should -Be @(1..$parts.Count)
            @($parts | ForEach-Object { $_.Path.Name }) | Should -Be @(1..$parts.Count | ForEach-Object { "announcement.part$_.opus" })
            ($parts | ForEach-Object { $_.Text }) -join ' ' | Should -Be $LongText
        }

        It 'keeps one file for text that fits' {
            $result = New-TokenLabSpeech 'Short.' -Split -OutDirectory (New-TestFolder) @Speech
            $result.Requests | Should -Be 1
            $result.Part | Should -BeNullOrEmpty
        }
    }

    Context 'Streaming with -Stream (server-sent events)' {
        It 'decodes the events into a valid file and keeps the usage' {
            $folder = New-TestFolder
            $result = New-TokenLabSpeech 'Streamed speech.' -Model gpt-4o-mini-tts -Stream -Format wav -OutDirectory $folder @Speech
            $layout = Read-TestWav $result.Path.FullName

            (Get-RequestBody (Get-SpeechRequest)[0]).stream_format | Should -Be 'sse'
            $layout.RiffSize | Should -Be ($layout.Length - 8) -Because 'the streamed header placeholders are replaced'
            $layout.DataSize | Should -Be ($layout.Length - $layout.DataOffset)
            $result.Usage.InputTokens | Should -BeGreaterThan 0
            $result.Usage.TotalTokens | Should -Be ($result.Usage.InputTokens + $result.Usage.OutputTokens)
            $result.BillingTransactionId | Should -BeNullOrEmpty -Because 'streams settle billing later'
        }

        It 'never sends stream_format without -Stream' {
            $null = New-TokenLabSpeech 'Not streamed' -Model gpt-4o-mini-tts -OutDirectory (New-TestFolder) @Speech
            (Get-BodyField (Get-SpeechRequest)[0]) | Should -Not -Contain 'stream_format'
        }
    }

    Context 'Concurrency and order' {
        It 'generates up to -ThrottleLimit items at once' {
            Add-EmulatorFault -Match $SpeechPath -Kind latency -LatencyMs 1000 -Count 0
            $null = 'a one', 'a two', 'a three', 'a four' | New-TokenLabSpeech -OutDirectory (New-TestFolder) -ThrottleLimit 4 @Speech
            Clear-EmulatorFault

            $log = Get-SpeechRequest
            $firstEnd = @($log | ForEach-Object { ConvertTo-Instant $_.completedAt } | Sort-Object)[0]
            @($log | Where-Object { (ConvertTo-Instant $_.timestamp) -ge $firstEnd }).Count | Should -Be 0 -Because 'all four started before any finished'
        }

        It 'generates one at a time with -ThrottleLimit 1' {
            Add-EmulatorFault -Match $SpeechPath -Kind latency -LatencyMs 100 -Count 0
            $null = 'b one', 'b two', 'b three' | New-TokenLabSpeech -OutDirectory (New-TestFolder) -ThrottleLimit 1 @Speech
            Clear-EmulatorFault

            $log = Get-SpeechRequest
            for ($i = 1; $i -lt $log.Count; $i++) {
                (ConvertTo-Instant $log[$i].timestamp) | Should -BeGreaterThan (ConvertTo-Instant $log[$i - 1].completedAt)
            }
        }

        It 'writes results as they finish, or in input order with -Ordered' {
            Add-EmulatorFault -Match $SpeechPath -BodyContains 'slow item' -Kind latency -LatencyMs 800 -Count 0
            $asFinished = @('slow item', 'fast item' | New-TokenLabSpeech -OutDirectory (New-TestFolder) -ThrottleLimit 2 @Speech)
            $inOrder = @('slow item', 'fast item' | New-TokenLabSpeech -OutDirectory (New-TestFolder) -ThrottleLimit 2 -Ordered @Speech)
            Clear-EmulatorFault

            @($asFinished | ForEach-Object { $_.Text }) | Should -Be @('fast item', 'slow item')
            @($inOrder | ForEach-Object { $_.Text }) | Should -Be @('slow item', 'fast item')
        }

        It 'tags the verbose lines of each piped item with its number and a slug of its text' {
            Add-EmulatorFault -Match $SpeechPath -Kind latency -LatencyMs 300 -Count 0
            $all = @('Good morning.', 'Deploy at noon!' | New-TokenLabSpeech -OutDirectory (New-TestFolder) @Speech -Verbose 4>&1)
            Clear-EmulatorFault
            $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })

            foreach ($tag in '[#1 good-morning]', '[#2 deploy-at-noon]') {
                @($verbose | Where-Object { $_.StartsWith($tag + ' POST ') }).Count | Should -Be 1 -Because "$tag's request is tagged"
                @($verbose | Where-Object { $_.StartsWith($tag + ' 200 ') }).Count | Should -BeGreaterOrEqual 1 -Because "$tag's answer is tagged"
            }
            @($verbose | Where-Object { $_ -like '*POST *' }).Count | Should -Be 2
            $single = @(New-TokenLabSpeech 'Alone.' -OutDirectory (New-TestFolder) @Speech -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            @($single | Where-Object { $_.Message -like 'POST *' }).Count | Should -Be 1 -Because 'a single item needs no tag'
        }

        It 'retries an item after a 503 and writes it once' {
            Add-EmulatorFault -Match $SpeechPath -Status 503
            $result = New-TokenLabSpeech 'Retried' -OutDirectory (New-TestFolder) @Speech

            @(Get-SpeechRequest).Count | Should -Be 2
            $result.RequestId | Should -Be (Get-SpeechRequest)[1].requestId
        }

        It 'runs inside ForEach-Object -Parallel' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
            $folder = New-TestFolder
            $results = @('p1', 'p2', 'p3' | ForEach-Object -Parallel {
                    Import-Module $using:Test.ModulePath
                    New-TokenLabSpeech $_ -OutDirectory $using:folder -BaseUri $using:Test.BaseUri -ApiKey $using:Test.ApiKey
                } -ThrottleLimit 3)

            $results.Count | Should -Be 3
            @(Get-SpeechRequest).Count | Should -Be 3
        }
    }

    Context 'Progress' {
        It 'reports bytes received and items done, then completes' {
            $run = Invoke-InShell -Script {
                param($Folder, $BaseUri, $Key)
                'progress one', 'progress two' | New-TokenLabSpeech -Format wav -OutDirectory $Folder -BaseUri $BaseUri -ApiKey $Key
            } -Arguments @((New-TestFolder), $Test.BaseUri, $Test.ApiKey)
            $records = @($run.Shell.Streams.Progress)
            $run.Shell.Dispose()

            $run.Output.Count | Should -Be 2
            $records.Count | Should -BeGreaterThan 1
            $records[0].Activity | Should -Be 'New-TokenLabSpeech'
            $records[0].StatusDescription | Should -BeLike '* received'
            $records[-1].RecordType | Should -Be 'Completed'
            @($records | Where-Object { $_.CurrentOperation -like '* of 2 items done' }).Count | Should -BeGreaterThan 0
        }

        It 'shows the total and the percentage when the response declares its length' {
            # The drip fault declares the Content-Length and delivers the audio over about two seconds.
            Add-EmulatorFault -Match $SpeechPath -Kind drip -Count 0 -Property @{ dripBytesPerSecond = 40000 }
            $run = Invoke-InShell -Script {
                param($Folder, $BaseUri, $Key)
                New-TokenLabSpeech 'A download of a declared length.' -Format wav -OutDirectory $Folder -BaseUri $BaseUri -ApiKey $Key
            } -Arguments @((New-TestFolder), $Test.BaseUri, $Test.ApiKey)
            $records = @($run.Shell.Streams.Progress | Where-Object { $_.RecordType -ne 'Completed' })
            $run.Shell.Dispose()
            Clear-EmulatorFault

            $records.Count | Should -BeGreaterThan 0
            @($records | Where-Object { $_.StatusDescription -notmatch '^\S+ \S+ of \S+ \S+ received$' }).Count | Should -Be 0
            @($records | ForEach-Object { $_.StatusDescription -replace '^.* of ', '' } | Select-Object -Unique).Count | Should -Be 1 -Because 'the total is the declared length'
            @($records | Where-Object { $_.PercentComplete -ge 0 -and $_.PercentComplete -lt 100 }).Count | Should -BeGreaterThan 0
        }

        It 'shows the part being received of a -Split, and the percentage of the parts' {
            $text = @(for ($i = 1; $i -le 240; $i++) { "This is sentence number $i of a long announcement." }) -join ' '
            Add-EmulatorFault -Match $SpeechPath -Kind latency -LatencyMs 600 -Count 0
            $run = Invoke-InShell -Script {
                param($Folder, $BaseUri, $Key, $Text)
                New-TokenLabSpeech $Text -Split -Format wav -OutDirectory $Folder -BaseUri $BaseUri -ApiKey $Key
            } -Arguments @((New-TestFolder), $Test.BaseUri, $Test.ApiKey, $text)
            # A record written before the first request went out names no part yet.
            $records = @($run.Shell.Streams.Progress | Where-Object { $_.RecordType -ne 'Completed' -and $_.CurrentOperation })
            $run.Shell.Dispose()
            Clear-EmulatorFault

            $parts = $run.Output[0].Requests
            $parts | Should -BeGreaterThan 2
            @($records | ForEach-Object { $_.CurrentOperation } | Select-Object -Unique) | Should -Be @(1..$parts | ForEach-Object { "Part $_ of $parts" })
            foreach ($record in $records) {
                $part = [int]($record.CurrentOperation -replace '^Part (\d+) of \d+$', '$1')
                $record.PercentComplete | Should -BeGreaterOrEqual ([math]::Floor(($part - 1) * 100 / $parts))
                $record.PercentComplete | Should -BeLessOrEqual ([math]::Ceiling($part * 100 / $parts))
            }
        }

        It 'is silenced by $ProgressPreference' {
            $run = Invoke-InShell -Script {
                param($Folder, $BaseUri, $Key)
                $ProgressPreference = 'SilentlyContinue'
                New-TokenLabSpeech 'quiet' -OutDirectory $Folder -BaseUri $BaseUri -ApiKey $Key
            } -Arguments @((New-TestFolder), $Test.BaseUri, $Test.ApiKey)
            $records = @($run.Shell.Streams.Progress)
            $run.Shell.Dispose()

            $run.Output.Count | Should -Be 1
            $records.Count | Should -Be 0
        }
    }

    Context 'Error records' {
        It '<Status> -> <Id> (<Category>), non-terminating, with the request ID and the text as target' -ForEach $ErrorCases {
            $folder = New-TestFolder
            Add-EmulatorFault -Match $SpeechPath -BodyContains 'failing line' -Count 0 @Fault
            $errors = $null
            $results = @('good line', 'failing line', 'another good line' | New-TokenLabSpeech -OutDirectory $folder -MaxRetries 0 @Speech -ErrorVariable errors -ErrorAction SilentlyContinue)

            $results.Count | Should -Be 2
            @($errors).Count | Should -Be 1
            $record = $errors[0]
            $record.FullyQualifiedErrorId | Should -Be "$Id,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand"
            $record.CategoryInfo.Category | Should -Be $Category
            $record.TargetObject | Should -Be 'failing line'
            $record.Exception.StatusCode | Should -Be $Status
            $failed = @(Get-SpeechRequest | Where-Object { $_.statusCode -eq $Status })
            $failed.Count | Should -Be 1
            $record.Exception.RequestId | Should -Be $failed[0].requestId
            $record.ErrorDetails.Message | Should -BeLike "*$($failed[0].requestId)*"
            $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be 2
        }

        It 'stops at the first failure with -ErrorAction Stop and leaves no temporary file' {
            $folder = New-TestFolder
            Add-EmulatorFault -Match $SpeechPath -Status 402 -Count 0
            { 'x one', 'x two' | New-TokenLabSpeech -OutDirectory $folder -ThrottleLimit 1 @Speech -ErrorAction Stop } |
                Should -Throw -ErrorId 'TokenLab.InsufficientBalance,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'

            Get-FolderEntry $folder | Should -BeNullOrEmpty
        }

        It 'with -ErrorAction Stop, writes what the items already sent saved before the error ends it, and sends no more' {
            # The second of six fails at once while the first, third and fourth (-ThrottleLimit 4) are still being generated.
            $folder = New-TestFolder
            Add-EmulatorFault -Match $SpeechPath -BodyContains 'item two' -Status 402 -Count 0
            Add-EmulatorFault -Match $SpeechPath -Kind latency -LatencyMs 2000 -Count 0
            $seen = New-Object System.Collections.Generic.List[object]
            $items = 'item one', 'item two', 'item three', 'item four', 'item five', 'item six'
            { $items | New-TokenLabSpeech -OutDirectory $folder -ThrottleLimit 4 @Speech -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } |
                Should -Throw -ErrorId 'TokenLab.InsufficientBalance,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'
            Clear-EmulatorFault

            @($seen | ForEach-Object { $_.Text } | Sort-Object) | Should -Be @('item four', 'item one', 'item three')
            @(Get-SpeechRequest).Count | Should -Be 4 -Because 'nothing is sent after the error'
            (Get-FolderEntry $folder) -join '|' | Should -Be (@($seen | ForEach-Object { $_.Path.Name } | Sort-Object) -join '|')
        }

        It 'with -ErrorAction Stop, never leaves a saved file that was not written to the pipeline' {
            $folder = New-TestFolder
            Add-EmulatorFault -Match $SpeechPath -BodyContains 'line two' -Status 402 -Count 0
            $seen = New-Object System.Collections.Generic.List[object]
            $items = 'line one', 'line two', 'line three', 'line four', 'line five', 'line six'
            { $items | New-TokenLabSpeech -OutDirectory $folder @Speech -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } |
                Should -Throw -ErrorId 'TokenLab.InsufficientBalance,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'

            $saved = @(Get-SpeechRequest | Where-Object { $_.statusCode -eq 200 })
            (Get-FolderEntry $folder) -join '|' | Should -Be (@($seen | ForEach-Object { $_.Path.Name } | Sort-Object) -join '|')
            $seen.Count | Should -Be $saved.Count -Because 'every request answered with audio was saved and written'

            # The same with $ErrorActionPreference and -Ordered, where the error waits for its turn.
            Clear-EmulatorRequest
            $ordered = New-TestFolder
            $seen.Clear()
            {
                $ErrorActionPreference = 'Stop'
                $items | New-TokenLabSpeech -OutDirectory $ordered -Ordered @Speech | ForEach-Object { $seen.Add($_) }
            } | Should -Throw -ErrorId 'TokenLab.InsufficientBalance,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'
            (Get-FolderEntry $ordered) -join '|' | Should -Be (@($seen | ForEach-Object { $_.Path.Name } | Sort-Object) -join '|')
            $seen.Count | Should -Be @(Get-SpeechRequest | Where-Object { $_.statusCode -eq 200 }).Count
            $seen[0].Text | Should -Be 'line one'
        }

        It 'refuses the emulator''s validation of an unknown model as TokenLab.ModelNotFound with did_you_mean' {
            $errors = $null
            New-TokenLabSpeech 'Hi' -Model tts-2 -OutDirectory (New-TestFolder) @Speech -ErrorVariable errors -ErrorAction SilentlyContinue

            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TokenLab.ModelNotFound,*'
            $errors[0].ErrorDetails.RecommendedAction | Should -BeLike "*'tts-1'*"
        }

        It 'needs a key' {
            { New-TokenLabSpeech 'No key' -BaseUri $Test.BaseUri -OutDirectory $TestDrive -ErrorAction Stop } |
                Should -Throw -ErrorId 'TokenLab.ApiKeyMissing,TokenLab.PowerShell.Commands.NewTokenLabSpeechCommand'
        }
    }
}
