<#
.SYNOPSIS
Builds, tests, demonstrates and packages the TokenLab module.

.DESCRIPTION
Build   : dotnet build; MSBuild lays out the importable module in out/TokenLab.
Test    : Build, then the xunit suites, then the Pester suite in this pwsh against out/TokenLab
          and a local emulator; prints one totals line "N passed, N failed, N skipped".
Demo    : Build, start the emulator on a free loopback port, run tools/Demo.ps1 against it.
Package : Build (Release), check the manifest, zip out/TokenLab into out/TokenLab.<version>.zip.
Docs    : regenerate docs/en-US (MAML and about topic) from docs/*.md; cross-checked by PlatyPS where installed.

.EXAMPLE
dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Docs')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$RepoRoot = $PSScriptRoot
$ModuleDir = Join-Path $RepoRoot 'out/TokenLab'
$ResultsDir = Join-Path $RepoRoot 'out/TestResults'

function Invoke-DotNet([string[]] $Arguments) {
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    Invoke-DotNet @('restore', (Join-Path $RepoRoot 'tools/Tools.csproj'), '--nologo', '-v:q')
    Invoke-DotNet @('build', (Join-Path $RepoRoot 'TokenLab.sln'), '-c', $Configuration, '--nologo', '-v:q', '-clp:ErrorsOnly')
    Write-Host "Module: $ModuleDir"
}

function Get-PesterModulePath {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester 5.9.1 was not restored to $path (dotnet restore tools/Tools.csproj)." }
    $path
}

function Get-TrxCounts {
    param([string] $Path)
    $counters = ([xml](Get-Content -LiteralPath $Path -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.notExecuted
    }
}

function Invoke-XunitSuites {
    $totals = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in Get-ChildItem (Join-Path $RepoRoot 'tests') -Filter '*.Tests.csproj' -Recurse) {
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo -v:q `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $ResultsDir
        $trxPath = Join-Path $ResultsDir $trx
        if (-not (Test-Path -LiteralPath $trxPath)) {
            Write-Host "$($project.BaseName): the test host produced no results (exit code $LASTEXITCODE)."
            $totals.Failed++
            continue
        }
        $counts = Get-TrxCounts $trxPath
        Write-Host ('{0}: {1} passed, {2} failed, {3} skipped' -f $project.BaseName, $counts.Passed, $counts.Failed, $counts.Skipped)
        $totals.Passed += $counts.Passed; $totals.Failed += $counts.Failed; $totals.Skipped += $counts.Skipped
    }
    $totals
}

function Invoke-PesterSuite {
    # A child pwsh keeps the suite's module imports and environment out of this build session.
    $summaryPath = Join-Path $ResultsDir 'pester-summary.json'
    $runner = Join-Path $RepoRoot 'tests/Pester/Invoke-PesterSuite.ps1'
    & dotnet pwsh -NoProfile -NonInteractive -File $runner -PesterPath (Get-PesterModulePath) `
        -ModulePath (Join-Path $ModuleDir 'TokenLab.psd1') -SummaryPath $summaryPath -Configuration $Configuration
    if (-not (Test-Path -LiteralPath $summaryPath)) {
        Write-Host "Pester: the suite did not finish (exit code $LASTEXITCODE)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counts = Get-Content -LiteralPath $summaryPath -Raw | ConvertFrom-Json
    Write-Host ('Pester: {0} passed, {1} failed, {2} skipped' -f $counts.Passed, $counts.Failed, $counts.Skipped)
    $counts
}

function Invoke-TestTask {
    Invoke-BuildTask
    if (Test-Path -LiteralPath $ResultsDir) { Remove-Item -LiteralPath $ResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ResultsDir
    $suites = @(Invoke-XunitSuites; Invoke-PesterSuite)
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    $skipped = ($suites | Measure-Object Skipped -Sum).Sum
    Write-Host ''
    Write-Host ('{0} passed, {1} failed, {2} skipped' -f $passed, $failed, $skipped)
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Import-Module (Join-Path $RepoRoot 'tools/TokenLab.DevTools.psm1') -Force
    $emulator = Start-TokenLabEmulator -Configuration $Configuration
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'tools/Demo.ps1') `
            -ModulePath (Join-Path $ModuleDir 'TokenLab.psd1') -BaseUri $emulator.BaseUri -ApiKey $emulator.ApiKey
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        $emulator | Stop-TokenLabEmulator
    }
}

function Invoke-PackageTask {
    Invoke-BuildTask
    $manifest = Test-ModuleManifest -Path (Join-Path $ModuleDir 'TokenLab.psd1')
    $zip = Join-Path $RepoRoot "out/TokenLab.$($manifest.Version).zip"
    Compress-Archive -Path $ModuleDir -DestinationPath $zip -Force
    Write-Host "Package: $zip"
}

function Invoke-DocsTask {
    # The committed help is generated by tools/ConvertTo-MamlHelp.ps1 (deterministic, and what the
    # drift test compares against). Where PlatyPS is installed it also builds the help from the same
    # markdown, so a page PlatyPS cannot read is caught before it is committed.
    & (Join-Path $RepoRoot 'tools/ConvertTo-MamlHelp.ps1')
    $platyPS = Get-Module -ListAvailable -Name platyPS | Select-Object -First 1
    if ($null -eq $platyPS) {
        Write-Warning 'PlatyPS is not installed: the help was generated without its cross-check.'
        return
    }
    Import-Module $platyPS
    $check = Join-Path ([System.IO.Path]::GetTempPath()) "tokenlab-platyps-$PID"
    try {
        New-ExternalHelp -Path (Join-Path $RepoRoot 'docs/TokenLab') -OutputPath $check -Force -ErrorAction Stop | Out-Null
        Write-Host 'PlatyPS read every page.'
    }
    finally {
        Remove-Item -LiteralPath $check -Recurse -Force -ErrorAction SilentlyContinue
    }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Package' { Invoke-PackageTask }
    'Docs' { Invoke-DocsTask }
}
