<#
.SYNOPSIS
Runs the TokenLab Pester suite against a built module and one local emulator, and writes a summary.

.DESCRIPTION
Imports Pester from -PesterPath, starts the emulator once for the whole run (tools/TokenLab.DevTools.psm1,
with the test keys of TestSupport.psm1, one of them restricted to a few models), publishes it to the
tests through TOKENLAB_TEST_* environment variables, runs every *.Tests.ps1 under this folder, writes
{ "Passed": n, "Failed": n, "Skipped": n } to -SummaryPath (and NUnit XML beside it), stops the
emulator and exits 0 when everything passed, 1 otherwise. build.ps1 -Task Test runs it in a child pwsh.

.EXAMPLE
dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 -PesterPath ~/.nuget/packages/pester/5.9.1/tools/Pester.psd1 -ModulePath out/TokenLab/TokenLab.psd1 -SummaryPath /tmp/pester.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $PesterPath,

    [Parameter(Mandatory = $true)]
    [string] $ModulePath,

    [Parameter(Mandatory = $true)]
    [string] $SummaryPath,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Only these test files (names or paths); every *.Tests.ps1 under tests/Pester by default.
    [string[]] $TestPath,

    # Pester's full-name filter, e.g. '*Retry*'.
    [string[]] $FullNameFilter
)

$ErrorActionPreference = 'Stop'

function Write-Summary {
    param([int] $Passed, [int] $Failed, [int] $Skipped)
    $directory = Split-Path -Parent $SummaryPath
    if ($directory -and -not (Test-Path -LiteralPath $directory)) { $null = New-Item -ItemType Directory -Path $directory -Force }
    $json = ConvertTo-Json -InputObject ([ordered]@{ Passed = $Passed; Failed = $Failed; Skipped = $Skipped }) -Compress
    [System.IO.File]::WriteAllText($SummaryPath, $json)
}

$SummaryPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($SummaryPath)
if (Test-Path -LiteralPath $SummaryPath) { Remove-Item -LiteralPath $SummaryPath -Force }

# Nothing from the caller's environment may choose a key, base URI, vault or emulator for the tests.
foreach ($name in @(Get-ChildItem Env: | Where-Object { $_.Name -like 'TOKENLAB_*' } | ForEach-Object { $_.Name })) {
    [Environment]::SetEnvironmentVariable($name, $null)
}
# The emulator is on loopback: never route the suite's own requests through a proxy of the machine.
foreach ($name in 'NO_PROXY', 'no_proxy') {
    $current = [Environment]::GetEnvironmentVariable($name)
    $entries = @('localhost', '127.0.0.1', '::1')
    if ($current) { $entries = @($current) + $entries }
    [Environment]::SetEnvironmentVariable($name, ($entries -join ','))
}

$emulator = $null
$exitCode = 1
try {
    $resolvedModule = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
    $env:TOKENLAB_TEST_MODULE = $resolvedModule
    $env:TOKENLAB_TEST_CONFIGURATION = $Configuration

    Get-Module -Name Pester | Remove-Module -Force
    Import-Module (Resolve-Path -LiteralPath $PesterPath).ProviderPath -Force -ErrorAction Stop

    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $emulator = Start-TestEmulator -Configuration $Configuration
    Write-Host "TokenLab emulator: $($env:TOKENLAB_TEST_BASEURI) (pid $($emulator.Process.Id)); module: $resolvedModule"

    $pesterConfig = New-PesterConfiguration
    $paths = @($PSScriptRoot)
    if ($TestPath) {
        $paths = @(foreach ($item in $TestPath) {
                if (Test-Path -LiteralPath $item) { (Resolve-Path -LiteralPath $item).ProviderPath }
                else { Join-Path $PSScriptRoot $item }
            })
    }
    $pesterConfig.Run.Path = $paths
    $pesterConfig.Run.PassThru = $true
    $pesterConfig.Run.Exit = $false
    $pesterConfig.Output.Verbosity = 'Detailed'
    $pesterConfig.TestResult.Enabled = $true
    $pesterConfig.TestResult.OutputFormat = 'NUnitXml'
    $pesterConfig.TestResult.OutputPath = Join-Path (Split-Path -Parent $SummaryPath) 'pester-results.xml'
    if ($FullNameFilter) { $pesterConfig.Filter.FullName = $FullNameFilter }

    # The tests run under a user's default preferences: non-terminating errors stay non-terminating.
    $ErrorActionPreference = 'Continue'
    $result = Invoke-Pester -Configuration $pesterConfig
    $ErrorActionPreference = 'Stop'

    # A failure in BeforeAll or in discovery fails the run even though no single test reports it.
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Write-Summary -Passed $result.PassedCount -Failed $failed -Skipped $result.SkippedCount
    if ($failed -eq 0 -and $result.PassedCount -gt 0) { $exitCode = 0 }
}
catch {
    Write-Host "The Pester suite could not run: $($_.Exception.Message)"
    Write-Host $_.ScriptStackTrace
    if (-not (Test-Path -LiteralPath $SummaryPath)) { Write-Summary -Passed 0 -Failed 1 -Skipped 0 }
    $exitCode = 1
}
finally {
    if ($null -ne $emulator) {
        if ($emulator.Process.HasExited) {
            # Tests then fail with "connection refused": say why.
            $null = $emulator.ErrorTask.Wait(5000)
            Write-Host "The TokenLab emulator stopped during the run (exit code $($emulator.Process.ExitCode)). Its error output:"
            Write-Host $emulator.StandardErrorText
            $exitCode = 1
        }
        Stop-TestEmulator -Emulator $emulator
    }
}

exit $exitCode
