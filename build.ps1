<#
.SYNOPSIS
Builds, tests, demonstrates and packages the TokenLab module.

.DESCRIPTION
Build   : dotnet build; MSBuild lays out the importable module in out/TokenLab.
Test    : Build, then the xunit suites (net10.0; the client suite also on net472 where .NET Framework or Mono
          can run it), then the Pester suite in this pwsh against out/TokenLab and a local emulator;
          prints one totals line "N passed, N failed, N skipped".
TestNetFramework : Build, then only the client suite's net472 build: on Windows on the real .NET Framework,
          elsewhere under Mono when it is installed (a weak signal: Mono's HTTP stack is not .NET Framework's);
          without either it says so and passes.
TestPester : Build, then only the Pester suite, in the shell -PesterShell names (powershell: Windows PowerShell 5.1;
          pwsh: the PowerShell 7 on PATH; dotnet-pwsh, the default: the repository's local tool), results in
          out/TestResults/<shell>.
Demo    : Build, start the emulator on a free loopback port, run tools/Demo.ps1 against it.
Package : Build (Release), check the manifest, Authenticode-sign the module's own files when a certificate is
          given (-CertificatePath [-CertificatePassword], or -CertificateThumbprint on Windows; -TimestampServer),
          else say that the package is unsigned; then out/TokenLab.<version>.zip and out/TokenLab.<version>.nupkg
          (for Publish-PSResource and Install-PSResource).
Docs    : regenerate docs/en-US (MAML and about topic) from docs/*.md; cross-checked by PlatyPS where installed.

.EXAMPLE
dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'TestNetFramework', 'TestPester', 'Demo', 'Package', 'Docs')]
    [string] $Task = 'Build',

    # The PowerShell that runs the Pester suite (Test always uses dotnet-pwsh, the repository's local tool).
    [ValidateSet('dotnet-pwsh', 'pwsh', 'powershell')]
    [string] $PesterShell = 'dotnet-pwsh',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Package: a PFX with the code-signing certificate, and its password.
    [string] $CertificatePath,
    [securestring] $CertificatePassword,

    # Package, on Windows: the thumbprint of a code-signing certificate in CurrentUser\My or LocalMachine\My.
    [string] $CertificateThumbprint,

    # Package: the RFC 3161 timestamp server, so that signatures stay valid after the certificate expires.
    [string] $TimestampServer = 'http://timestamp.digicert.com'
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
    param(
        [string] $Framework = 'net10.0',
        [System.IO.FileInfo[]] $Projects = @(Get-ChildItem (Join-Path $RepoRoot 'tests') -Filter '*.Tests.csproj' -Recurse)
    )
    $totals = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in $Projects) {
        $trx = "$($project.BaseName).$Framework.trx"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo -v:q --framework $Framework `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $ResultsDir
        $trxPath = Join-Path $ResultsDir $trx
        if (-not (Test-Path -LiteralPath $trxPath)) {
            Write-Host "$($project.BaseName) ($Framework): the test host produced no results (exit code $LASTEXITCODE)."
            $totals.Failed++
            continue
        }
        $counts = Get-TrxCounts $trxPath
        Write-Host ('{0} ({1}): {2} passed, {3} failed, {4} skipped' -f $project.BaseName, $Framework, $counts.Passed, $counts.Failed, $counts.Skipped)
        $totals.Passed += $counts.Passed; $totals.Failed += $counts.Failed; $totals.Skipped += $counts.Skipped
    }
    $totals
}

function Invoke-NetFrameworkSuite {
    # The client suite's net472 build: Windows runs it on .NET Framework itself; elsewhere VSTest needs Mono.
    $onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
    if (-not $onWindows -and $null -eq (Get-Command mono -CommandType Application -ErrorAction SilentlyContinue)) {
        Write-Host 'TokenLab.Client.Tests (net472): built, not run: neither .NET Framework (Windows) nor Mono is here.'
        return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    }
    Invoke-XunitSuites -Framework 'net472' -Projects @(Get-Item (Join-Path $RepoRoot 'tests/TokenLab.Client.Tests/TokenLab.Client.Tests.csproj'))
}

function Write-Totals {
    param([object[]] $Suites)
    $passed = ($Suites | Measure-Object Passed -Sum).Sum
    $failed = ($Suites | Measure-Object Failed -Sum).Sum
    $skipped = ($Suites | Measure-Object Skipped -Sum).Sum
    Write-Host ''
    Write-Host ('{0} passed, {1} failed, {2} skipped' -f $passed, $failed, $skipped)
    $failed -eq 0
}

function Initialize-ResultsDirectory {
    if (Test-Path -LiteralPath $ResultsDir) { Remove-Item -LiteralPath $ResultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ResultsDir
}

function Invoke-PesterSuite {
    param([string] $Shell = 'dotnet-pwsh', [string] $Directory = $ResultsDir)
    # A child shell keeps the suite's module imports and environment out of this build session.
    $summaryPath = Join-Path $Directory 'pester-summary.json'
    $runner = Join-Path $RepoRoot 'tests/Pester/Invoke-PesterSuite.ps1'
    $command = @{ 'dotnet-pwsh' = @('dotnet', 'pwsh'); 'pwsh' = @('pwsh'); 'powershell' = @('powershell.exe') }[$Shell]
    & $command[0] @($command | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner -PesterPath (Get-PesterModulePath) `
        -ModulePath (Join-Path $ModuleDir 'TokenLab.psd1') -SummaryPath $summaryPath -Configuration $Configuration
    if (-not (Test-Path -LiteralPath $summaryPath)) {
        Write-Host "Pester ($Shell): the suite did not finish (exit code $LASTEXITCODE)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $counts = Get-Content -LiteralPath $summaryPath -Raw | ConvertFrom-Json
    Write-Host ('Pester ({0}): {1} passed, {2} failed, {3} skipped' -f $Shell, $counts.Passed, $counts.Failed, $counts.Skipped)
    $counts
}

function Invoke-TestTask {
    Invoke-BuildTask
    Initialize-ResultsDirectory
    $suites = @(Invoke-XunitSuites; Invoke-NetFrameworkSuite; Invoke-PesterSuite)
    $passedAll = Write-Totals $suites
    if (-not $passedAll -or ($suites | Measure-Object Passed -Sum).Sum -eq 0) { exit 1 }
}

function Invoke-TestNetFrameworkTask {
    Invoke-BuildTask
    Initialize-ResultsDirectory
    if (-not (Write-Totals @(Invoke-NetFrameworkSuite))) { exit 1 }
}

function Invoke-TestPesterTask {
    Invoke-BuildTask
    $directory = Join-Path $ResultsDir $PesterShell
    if (Test-Path -LiteralPath $directory) { Remove-Item -LiteralPath $directory -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $directory -Force
    if (-not (Write-Totals @(Invoke-PesterSuite -Shell $PesterShell -Directory $directory))) { exit 1 }
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
    Import-Module (Join-Path $RepoRoot 'tools/TokenLab.Release.psm1') -Force
    $manifest = Test-ModuleManifest -Path (Join-Path $ModuleDir 'TokenLab.psd1')
    $signing = Set-TokenLabSignature -ModuleDirectory $ModuleDir -CertificatePath $CertificatePath -CertificatePassword $CertificatePassword `
        -CertificateThumbprint $CertificateThumbprint -TimestampServer $TimestampServer
    if ($signing.Signed) { Write-Host "Package: $($signing.Files -join ', ') $($signing.Reason)." }
    else { Write-Warning "Package: $($signing.Reason); AllSigned, WDAC and AppLocker will refuse to load it." }
    $zip = Join-Path $RepoRoot "out/TokenLab.$($manifest.Version).zip"
    Compress-Archive -Path $ModuleDir -DestinationPath $zip -Force
    Write-Host "Package: $zip"
    Write-Host "Package: $(New-TokenLabPackage -ModuleDirectory $ModuleDir -OutputDirectory (Join-Path $RepoRoot 'out'))"
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
    'TestNetFramework' { Invoke-TestNetFrameworkTask }
    'TestPester' { Invoke-TestPesterTask }
    'Demo' { Invoke-DemoTask }
    'Package' { Invoke-PackageTask }
    'Docs' { Invoke-DocsTask }
}
