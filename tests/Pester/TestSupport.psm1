# Shared helpers for the TokenLab Pester suite: the module under test, the emulator the suite talks
# to (started by Invoke-PesterSuite.ps1, or here when a test file runs on its own), the emulator's
# control API (faults and the request log), and capture of every output stream for the key-leak test.
# Windows PowerShell 5.1 must be able to parse this file.
Set-StrictMode -Version 3.0

$script:RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$script:StartedEmulator = $null

# Every key the test emulator accepts. Distinct tails, so the masked Authorization in the emulator's
# request log ("Bearer sk-...abcd") tells which key a command sent.
$script:TestKeys = [ordered]@{
    Default     = 'sk-emulator-local-key'
    Limited     = 'sk-limited-pester-k3y9'
    Environment = 'sk-pester-environment-e7v1'
    Context     = 'sk-pester-connectctx-c0n7'
    Secret      = 'sk-pester-vaultsecret-5s3c'
    Leak        = 'sk-LeakCanary-Qx7Vb2Nm9Pz4Rt6Wy8Jh'
}

# The only models the restricted key may see.
$script:LimitedModels = @('tts-1', 'whisper-1')

# The environment variables the module reads: tests must never inherit them from the caller.
$script:ModuleEnvironmentVariables = @('TOKENLAB_API_KEY', 'TOKENLAB_BASE_URL', 'TOKENLAB_API_KEY_SECRET', 'TOKENLAB_API_KEY_VAULT')

function Get-TestRepoRoot { $script:RepoRoot }

function Get-TestApiKey {
    <# One of the keys the test emulator accepts (Default, Limited, Environment, Context, Secret, Leak). #>
    param([ValidateSet('Default', 'Limited', 'Environment', 'Context', 'Secret', 'Leak')] [string] $Name = 'Default')
    $script:TestKeys[$Name]
}

function Get-TestLimitedModel { $script:LimitedModels }

function Get-KeyTail {
    <# The last four characters of a key: what a masked key ("sk-...abcd") shows. #>
    param([Parameter(Mandatory = $true)] [string] $Key)
    $Key.Substring($Key.Length - 4)
}

function ConvertTo-SecureText {
    <# A SecureString from text, without ConvertTo-SecureString -AsPlainText. #>
    param([Parameter(Mandatory = $true)] [string] $Text)
    (New-Object System.Net.NetworkCredential '', $Text).SecurePassword
}

function Clear-TokenLabEnvironment {
    <# Removes the environment variables the module reads, so nothing leaks in from the caller. #>
    foreach ($name in $script:ModuleEnvironmentVariables) {
        [Environment]::SetEnvironmentVariable($name, $null)
    }
}

function Get-EmulatorKeyArgument {
    <# The --api-key values for the test emulator: every test key, the limited one restricted to its models. #>
    foreach ($name in $script:TestKeys.Keys) {
        if ($name -eq 'Limited') { $script:TestKeys[$name] + '=' + ($script:LimitedModels -join ',') }
        else { $script:TestKeys[$name] }
    }
}

function Start-TestEmulator {
    <#
    Starts the emulator with the test keys (realtime replies as fast as they are read) and publishes it to the tests through TOKENLAB_TEST_*
    environment variables. Returns the emulator object of tools/TokenLab.DevTools.psm1.
    #>
    [CmdletBinding()]
    param([string] $Configuration = 'Release')
    Import-Module (Join-Path $script:RepoRoot 'tools/TokenLab.DevTools.psm1') -Force -Scope Local
    $emulator = Start-TokenLabEmulator -ApiKey @(Get-EmulatorKeyArgument) -RealtimePace fast -Configuration $Configuration
    $env:TOKENLAB_TEST_BASEURI = $emulator.BaseUri.AbsoluteUri
    $env:TOKENLAB_TEST_APIKEY = $script:TestKeys.Default
    $env:TOKENLAB_TEST_LIMITEDKEY = $script:TestKeys.Limited
    $env:TOKENLAB_TEST_EMULATOR_PID = [string]$emulator.Process.Id
    $emulator
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] $Emulator)
    Import-Module (Join-Path $script:RepoRoot 'tools/TokenLab.DevTools.psm1') -Force -Scope Local
    $Emulator | Stop-TokenLabEmulator
    foreach ($name in 'TOKENLAB_TEST_BASEURI', 'TOKENLAB_TEST_APIKEY', 'TOKENLAB_TEST_LIMITEDKEY', 'TOKENLAB_TEST_EMULATOR_PID') {
        [Environment]::SetEnvironmentVariable($name, $null)
    }
}

function Get-TestModulePath {
    if ($env:TOKENLAB_TEST_MODULE) { return $env:TOKENLAB_TEST_MODULE }
    Join-Path $script:RepoRoot 'out/TokenLab/TokenLab.psd1'
}

function Initialize-TokenLabTest {
    <#
    Called from each test file's BeforeAll: clears the module's environment variables, imports the
    module under test (TOKENLAB_TEST_MODULE, else out/TokenLab), starts an emulator when the suite
    runner did not (a file run on its own), and forgets any Connect-TokenLab context. Returns the
    base URI, keys and module path.
    #>
    [CmdletBinding()]
    param()
    Clear-TokenLabEnvironment
    $modulePath = Get-TestModulePath
    if (-not (Test-Path -LiteralPath $modulePath)) {
        throw "The module under test is not built: $modulePath (run 'dotnet build TokenLab.sln -c Release')."
    }
    $env:TOKENLAB_TEST_MODULE = (Resolve-Path -LiteralPath $modulePath).ProviderPath
    $loaded = Get-Module -Name TokenLab
    if ($null -eq $loaded -or $loaded.Path -ne (Join-Path (Split-Path -Parent $env:TOKENLAB_TEST_MODULE) 'TokenLab.dll')) {
        Import-Module $env:TOKENLAB_TEST_MODULE -Global -ErrorAction Stop
    }

    if (-not $env:TOKENLAB_TEST_BASEURI) {
        # A file run on its own: the emulator lives until Complete-TokenLabTest or this process ends
        # (it watches its parent process).
        $configuration = 'Release'
        if ($env:TOKENLAB_TEST_CONFIGURATION) { $configuration = $env:TOKENLAB_TEST_CONFIGURATION }
        $script:StartedEmulator = Start-TestEmulator -Configuration $configuration
    }

    Disconnect-TokenLab
    [pscustomobject]@{
        BaseUri    = $env:TOKENLAB_TEST_BASEURI
        ApiKey     = $script:TestKeys.Default
        LimitedKey = $script:TestKeys.Limited
        ModulePath = $env:TOKENLAB_TEST_MODULE
    }
}

function Complete-TokenLabTest {
    <# Called from AfterAll: forgets the context, clears faults, and stops an emulator this module started. #>
    [CmdletBinding()]
    param()
    Clear-TokenLabEnvironment
    if (Get-Command Disconnect-TokenLab -ErrorAction SilentlyContinue) { Disconnect-TokenLab }
    if ($env:TOKENLAB_TEST_BASEURI) { Clear-EmulatorFault -ErrorAction SilentlyContinue }
    if ($null -ne $script:StartedEmulator) {
        Stop-TestEmulator -Emulator $script:StartedEmulator
        $script:StartedEmulator = $null
    }
}

#region Emulator control API

function Get-EmulatorRoot {
    if (-not $env:TOKENLAB_TEST_BASEURI) { throw 'No emulator: TOKENLAB_TEST_BASEURI is not set (call Initialize-TokenLabTest).' }
    $env:TOKENLAB_TEST_BASEURI.TrimEnd('/')
}

function Invoke-EmulatorControl {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method,
        [Parameter(Mandatory = $true)] [string] $Path,
        $Body
    )
    $request = @{ Method = $Method; Uri = (Get-EmulatorRoot) + $Path; ErrorAction = 'Stop' }
    if ($PSVersionTable.PSVersion.Major -ge 7) { $request.NoProxy = $true }
    if ($null -ne $Body) {
        $request.ContentType = 'application/json'
        $request.Body = ConvertTo-Json -InputObject $Body -Depth 6 -Compress
    }
    try {
        Invoke-RestMethod @request
    }
    catch {
        $emulatorPid = 0
        if ([int]::TryParse([string]$env:TOKENLAB_TEST_EMULATOR_PID, [ref]$emulatorPid) -and $emulatorPid -gt 0 -and
            $null -eq (Get-Process -Id $emulatorPid -ErrorAction SilentlyContinue)) {
            throw "The TokenLab emulator (pid $emulatorPid) is no longer running: $($_.Exception.Message)"
        }
        throw
    }
}

function Add-EmulatorFault {
    <#
    Queues a fault for the next -Count requests whose path matches -Match (POST /_emulator/faults).
    -Kind status|reset|truncate|drip|stall|latency|close|disconnect; -RequestId body|header|legacy-header|none.
    A realtime session's close fault: -Kind close -CloseStatus 4000 -CloseDescription '...' -AfterEvent response.done.
    -BodyContains breaks only requests whose body contains that text (one item of a batch).
    -Property adds any other field of the emulator's fault spec.
    #>
    [CmdletBinding()]
    param(
        [string] $Match = '/v1/*',
        [string] $Method,
        [int] $Count = 1,
        [ValidateSet('status', 'reset', 'truncate', 'drip', 'stall', 'latency', 'close', 'disconnect', 'async-task')] [string] $Kind = 'status',
        [int] $Status,
        [string] $Type,
        [string] $Code,
        [string] $Message,
        [string] $Param,
        [string] $DidYouMean,
        [bool] $Retryable,
        [int] $RetryAfter,
        [double] $RetryAfterBody,
        [ValidateSet('body', 'header', 'legacy-header', 'none')] [string] $RequestId,
        [switch] $OmitType,
        [AllowEmptyString()] [string] $RawBody,
        [string] $ContentType,
        [int] $LatencyMs,
        [string] $BodyContains,
        [object[]] $ValidationErrors,
        [int] $CloseStatus,
        [string] $CloseDescription,
        [string] $AfterEvent,
        [hashtable] $Property
    )
    $names = @{
        Match = 'match'; Method = 'method'; Kind = 'kind'; Status = 'status'; Type = 'type'; Code = 'code'; Message = 'message'
        Param = 'param'; DidYouMean = 'didYouMean'; Retryable = 'retryable'; RetryAfter = 'retryAfter'; RetryAfterBody = 'retryAfterBody'
        RequestId = 'requestId'; RawBody = 'rawBody'; ContentType = 'contentType'; LatencyMs = 'latencyMs'; ValidationErrors = 'validationErrors'
        CloseStatus = 'closeStatus'; CloseDescription = 'closeDescription'; AfterEvent = 'afterEvent'
        BodyContains = 'bodyContains'
    }
    $fault = @{ match = $Match; count = $Count; kind = $Kind }
    foreach ($name in $names.Keys) {
        if ($PSBoundParameters.ContainsKey($name)) { $fault[$names[$name]] = $PSBoundParameters[$name] }
    }
    if ($OmitType.IsPresent) { $fault.omitType = $true }
    if ($null -ne $Property) { foreach ($key in $Property.Keys) { $fault[$key] = $Property[$key] } }
    $null = Invoke-EmulatorControl -Method POST -Path '/_emulator/faults' -Body $fault
}

function Clear-EmulatorFault {
    [CmdletBinding()]
    param()
    $null = Invoke-EmulatorControl -Method DELETE -Path '/_emulator/faults'
}

function Get-EmulatorRequest {
    <# The requests the emulator recorded, oldest first; -Path filters by a wildcard on the path. #>
    [CmdletBinding()]
    param([string] $Path = '*')
    $response = Invoke-EmulatorControl -Method GET -Path '/_emulator/requests'
    $entries = $response
    if ($null -ne $response -and $response.PSObject.Properties['requests']) { $entries = $response.requests }
    @($entries | Where-Object { $null -ne $_ -and $_.path -like $Path })
}

function Clear-EmulatorRequest {
    [CmdletBinding()]
    param()
    $null = Invoke-EmulatorControl -Method DELETE -Path '/_emulator/requests'
}

function Clear-TokenLabCatalogCache {
    <# Forgets the catalog details the module cached for this session, so the next command reads the catalog again. #>
    [CmdletBinding()]
    param()
    $assembly = (Get-Command New-TokenLabSpeech).ImplementingType.Assembly
    $null = $assembly.GetType('TokenLab.PowerShell.Completers.ModelCatalogCache', $true).GetMethod('Clear').Invoke($null, @())
}

function Reset-Emulator {
    <# No queued faults, an empty request log and no ended realtime sessions: the state every test starts from. #>
    [CmdletBinding()]
    param()
    Clear-EmulatorFault
    Clear-EmulatorRequest
    $null = Invoke-EmulatorControl -Method DELETE -Path '/_emulator/realtime'
}

function Get-EmulatorRealtimeSession {
    <# The realtime sessions the emulator saw, oldest first: sessionId, model, dialect, end, closeStatus, clientEvents, ... #>
    [CmdletBinding()]
    param()
    $response = Invoke-EmulatorControl -Method GET -Path '/_emulator/realtime'
    @($response.sessions | Where-Object { $null -ne $_ })
}

function Wait-EmulatorRealtimeEnd {
    <#
    The emulator's record of a session once it has recorded how the session ended. The end is recorded as
    the socket closes, a moment after the client sees it, so this polls (Wait-TestCondition, bounded by -TimeoutSec).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $SessionId, [int] $TimeoutSec = 30)
    $find = { @(Get-EmulatorRealtimeSession | Where-Object { $_.sessionId -eq $SessionId }) }
    $ended = Wait-TestCondition -TimeoutSec $TimeoutSec { $record = & $find; $record.Count -eq 1 -and $record[0].end -ne 'open' }
    if (-not $ended) { throw "The emulator did not record the end of realtime session $SessionId." }
    (& $find)[0]
}

function Read-TestWav {
    <#
    The layout of a WAV file as written: the RIFF size, the format fields, the data chunk's offset and size
    (found by walking the chunks, so extra chunks are seen) and the file length.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Path)
    $bytes = [System.IO.File]::ReadAllBytes($Path)
    $offset = 12
    $dataOffset = -1
    $dataSize = -1
    while ($offset + 8 -le $bytes.Length) {
        $id = [System.Text.Encoding]::ASCII.GetString($bytes, $offset, 4)
        $size = [BitConverter]::ToUInt32($bytes, $offset + 4)
        if ($id -eq 'data') { $dataOffset = $offset + 8; $dataSize = $size; break }
        $offset += 8 + $size + ($size % 2)
    }
    [pscustomobject]@{
        Riff          = [System.Text.Encoding]::ASCII.GetString($bytes, 0, 4)
        RiffSize      = [BitConverter]::ToUInt32($bytes, 4)
        Format        = [BitConverter]::ToUInt16($bytes, 20)
        Channels      = [BitConverter]::ToUInt16($bytes, 22)
        SampleRate    = [BitConverter]::ToUInt32($bytes, 24)
        BitsPerSample = [BitConverter]::ToUInt16($bytes, 34)
        DataOffset    = $dataOffset
        DataSize      = $dataSize
        Length        = $bytes.Length
    }
}

function Get-RecordedHeader {
    <# A header of a recorded request (names compared case-insensitively), or $null. #>
    param([Parameter(Mandatory = $true)] $Request, [Parameter(Mandatory = $true)] [string] $Name)
    if ($null -eq $Request.headers) { return $null }
    foreach ($property in $Request.headers.PSObject.Properties) {
        if ($property.Name -eq $Name) { return [string]$property.Value }
    }
    $null
}

function Wait-TestCondition {
    <#
    Polls -Condition until it returns a true value, or until -TimeoutSec have passed; returns whether
    it became true. The bound only keeps a broken build from hanging the run: assert on the state the
    condition describes, never on how long it took.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)] [scriptblock] $Condition,
        [int] $TimeoutSec = 30,
        [int] $IntervalMilliseconds = 50
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($true) {
        if (& $Condition) { return $true }
        if ([DateTime]::UtcNow -ge $deadline) { return $false }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    }
}

function Get-ClosedLoopbackPort {
    <# A loopback TCP port nothing listens on (bound, then released). #>
    $listener = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback), 0
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

#endregion

#region Capture of every stream, for the key-leak test

function ConvertTo-CapturedText {
    <# Everything an object shows: ToString, its default format, every property, and for errors their whole chain. #>
    param($Item)
    if ($null -eq $Item) { return '' }
    $parts = New-Object System.Collections.Generic.List[string]
    $value = $Item
    if ($Item -is [System.Management.Automation.PSObject]) { $value = $Item.BaseObject }

    if ($value -is [System.Management.Automation.ErrorRecord]) {
        $parts.Add($value.ToString())
        $parts.Add([string]$value.FullyQualifiedErrorId)
        $parts.Add([string]$value.CategoryInfo)
        $parts.Add([string]$value.ScriptStackTrace)
        if ($null -ne $value.ErrorDetails) {
            $parts.Add([string]$value.ErrorDetails.Message)
            $parts.Add([string]$value.ErrorDetails.RecommendedAction)
        }
        if ($null -ne $value.TargetObject) { $parts.Add((ConvertTo-CapturedText $value.TargetObject)) }
        if ($null -ne $value.InvocationInfo) {
            $parts.Add([string]$value.InvocationInfo.PositionMessage)
            $parts.Add([string]$value.InvocationInfo.Line)
            foreach ($entry in $value.InvocationInfo.BoundParameters.GetEnumerator()) {
                $parts.Add([string]$entry.Key + '=' + [string]$entry.Value)
            }
        }
        $parts.Add(($value | Format-List * -Force | Out-String -Width 400))
        $parts.Add((ConvertTo-CapturedText $value.Exception))
        return ($parts -join "`n")
    }

    if ($value -is [System.Exception]) {
        $exception = $value
        while ($null -ne $exception) {
            $parts.Add($exception.GetType().FullName)
            $parts.Add($exception.Message)
            $parts.Add($exception.ToString())
            $parts.Add(($exception | Format-List * -Force | Out-String -Width 400))
            foreach ($key in $exception.Data.Keys) { $parts.Add([string]$key + '=' + [string]$exception.Data[$key]) }
            if ($exception -is [System.AggregateException]) {
                foreach ($inner in $exception.InnerExceptions) { $parts.Add((ConvertTo-CapturedText $inner)) }
            }
            if ($exception -is [System.Management.Automation.IContainsErrorRecord] -and $null -ne $exception.ErrorRecord -and
                -not [object]::ReferenceEquals($exception.ErrorRecord.Exception, $exception)) {
                $parts.Add((ConvertTo-CapturedText $exception.ErrorRecord))
            }
            $exception = $exception.InnerException
        }
        return ($parts -join "`n")
    }

    if ($value -is [System.Management.Automation.InformationRecord]) {
        $parts.Add([string]$value.MessageData)
        $parts.Add($value.ToString())
        return ($parts -join "`n")
    }

    if ($value -is [System.Management.Automation.InformationalRecord]) {
        return $value.Message
    }

    # Format-* output (FormatStartData, ...) only renders in sequence: Invoke-WithFullCapture renders it as a whole.
    if ($value.GetType().FullName -like 'Microsoft.PowerShell.Commands.Internal.Format.*') { return '' }

    $parts.Add([string]$value)
    try { $parts.Add(($Item | Out-String -Width 400)) } catch { $parts.Add('(no default view: ' + $_.Exception.Message + ')') }
    try { $parts.Add(($Item | Format-List * -Force | Out-String -Width 400)) } catch { $parts.Add('(no list view: ' + $_.Exception.Message + ')') }
    try { $parts.Add((ConvertTo-Json -InputObject $Item -Depth 4 -Compress -WarningAction SilentlyContinue)) } catch { $parts.Add('(not serializable: ' + $_.Exception.Message + ')') }
    $parts -join "`n"
}

function Invoke-WithFullCapture {
    <#
    Runs a script block and returns all it showed: every stream (*>&1), host output (a transcript
    catches -WhatIf text), a terminating error, and the $Error entries it added, each turned into
    text with ConvertTo-CapturedText. Verbose and debug output are on, and nothing prompts.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [scriptblock] $ScriptBlock)
    $transcriptPath = Join-Path ([System.IO.Path]::GetTempPath()) ('tokenlab-capture-' + [guid]::NewGuid().ToString('N') + '.txt')
    $errorCountBefore = $global:Error.Count
    $items = New-Object System.Collections.Generic.List[object]
    $terminating = $null

    $savedVerbose = $global:VerbosePreference
    $savedDebug = $global:DebugPreference
    $savedInformation = $global:InformationPreference
    $savedConfirm = $global:ConfirmPreference
    $global:VerbosePreference = 'Continue'
    $global:DebugPreference = 'Continue'
    $global:InformationPreference = 'Continue'
    $global:ConfirmPreference = 'None'
    $null = Start-Transcript -Path $transcriptPath -Force
    try {
        try {
            # Piped, so what came out before a terminating error is kept too.
            & $ScriptBlock *>&1 | ForEach-Object { $items.Add($_) }
        }
        catch {
            $terminating = $_
        }
    }
    finally {
        $null = Stop-Transcript
        $global:VerbosePreference = $savedVerbose
        $global:DebugPreference = $savedDebug
        $global:InformationPreference = $savedInformation
        $global:ConfirmPreference = $savedConfirm
    }

    $newErrors = @()
    $added = $global:Error.Count - $errorCountBefore
    if ($added -gt 0) { $newErrors = @($global:Error[0..($added - 1)]) }

    $texts = New-Object System.Collections.Generic.List[string]
    # Everything as PowerShell would show it (this also renders Format-* output), then item by item.
    try { $texts.Add(($items | Out-String -Width 400)) } catch { $texts.Add('(could not render: ' + $_.Exception.Message + ')') }
    foreach ($item in $items) { $texts.Add((ConvertTo-CapturedText $item)) }
    if ($null -ne $terminating) { $texts.Add((ConvertTo-CapturedText $terminating)) }
    foreach ($item in $newErrors) { $texts.Add((ConvertTo-CapturedText $item)) }
    $transcript = ''
    if (Test-Path -LiteralPath $transcriptPath) {
        $transcript = Get-Content -LiteralPath $transcriptPath -Raw
        Remove-Item -LiteralPath $transcriptPath -Force
    }
    $texts.Add([string]$transcript)

    [pscustomobject]@{
        Items       = $items.ToArray()
        Terminating = $terminating
        Errors      = $newErrors
        Transcript  = [string]$transcript
        Text        = ($texts -join "`n")
    }
}

function Find-KeyFragment {
    <#
    Returns the fragments of $Key found in $Text: the key itself and every run of -Length characters
    of it that its mask ("sk-...abcd") does not already show. Empty when nothing leaked.
    #>
    param(
        [Parameter(Mandatory = $true)] [AllowEmptyString()] [string] $Text,
        [Parameter(Mandatory = $true)] [string] $Key,
        [int] $Length = 6
    )
    $found = New-Object System.Collections.Generic.List[string]
    if ($Text.IndexOf($Key, [System.StringComparison]::Ordinal) -ge 0) { $found.Add($Key) }
    $dash = $Key.IndexOf('-')
    $mask = $Key.Substring(0, $dash + 1) + '...' + $Key.Substring($Key.Length - 4)
    for ($i = 0; $i -le $Key.Length - $Length; $i++) {
        $fragment = $Key.Substring($i, $Length)
        if ($mask.IndexOf($fragment, [System.StringComparison]::Ordinal) -ge 0) { continue }
        if ($Text.IndexOf($fragment, [System.StringComparison]::Ordinal) -ge 0) { $found.Add($fragment) }
    }
    , $found.ToArray()
}

#endregion

Export-ModuleMember -Function Get-TestRepoRoot, Get-TestApiKey, Get-TestLimitedModel, Get-KeyTail, ConvertTo-SecureText,
    Clear-TokenLabEnvironment, Get-EmulatorKeyArgument, Start-TestEmulator, Stop-TestEmulator, Get-TestModulePath,
    Initialize-TokenLabTest, Complete-TokenLabTest, Get-EmulatorRoot, Invoke-EmulatorControl, Add-EmulatorFault, Clear-TokenLabCatalogCache,
    Clear-EmulatorFault, Get-EmulatorRequest, Clear-EmulatorRequest, Reset-Emulator, Get-RecordedHeader,
    Get-EmulatorRealtimeSession, Wait-EmulatorRealtimeEnd, Read-TestWav,
    Get-ClosedLoopbackPort, Wait-TestCondition, ConvertTo-CapturedText, Invoke-WithFullCapture, Find-KeyFragment
