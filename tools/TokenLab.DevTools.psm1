# Development helpers shared by build.ps1, the demo and the Pester suite: start and stop the
# offline TokenLab emulator on a free loopback port. Not part of the shipped module.
Set-StrictMode -Version 3.0

$script:RepoRoot = Split-Path -Parent $PSScriptRoot

function Get-EmulatorAssemblyPath {
    param([string] $Configuration = 'Release')
    foreach ($candidate in @($Configuration, 'Release', 'Debug')) {
        $path = Join-Path $script:RepoRoot "src/TokenLab.Emulator/bin/$candidate/net10.0/TokenLab.Emulator.dll"
        if (Test-Path -LiteralPath $path) { return $path }
    }
    throw "The emulator is not built: run 'dotnet pwsh ./build.ps1 -Task Build' first."
}

function Start-TokenLabEmulator {
    <#
    .SYNOPSIS
    Starts the offline TokenLab emulator on a free loopback port and returns its process and base URI.
    .PARAMETER ApiKey
    The keys the emulator accepts (default: sk-emulator-local-key).
    .PARAMETER RealtimePace
    How fast realtime replies are sent: 'realtime' (the pace the audio plays, as the service does) or
    'fast' (as fast as the client reads, for tests).
    .PARAMETER Https
    Serve TLS with a certificate generated at start; its public PEM is written to
    <temp>/tokenlab-emulator-<port>.crt (the CertificatePath property), which nothing trusts until you do.
    #>
    [CmdletBinding()]
    param(
        [string[]] $ApiKey = @('sk-emulator-local-key'),
        [ValidateSet('realtime', 'fast')] [string] $RealtimePace = 'realtime',
        [switch] $Https,
        [string] $Configuration = 'Release',
        [int] $StartTimeoutSec = 60
    )
    $dll = Get-EmulatorAssemblyPath -Configuration $Configuration
    $arguments = @($dll, '--urls', 'http://127.0.0.1:0', '--parent-pid', $PID, '--realtime-pace', $RealtimePace)
    foreach ($key in $ApiKey) { $arguments += @('--api-key', $key) }
    if ($Https) { $arguments += '--https' }

    # Arguments as one quoted string: ArgumentList does not exist on Windows PowerShell 5.1.
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo 'dotnet', (($arguments | ForEach-Object { '"' + $_ + '"' }) -join ' ')
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)

    # The emulator prints one line naming the port it bound; wait for it, bounded.
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds($StartTimeoutSec)) -or $null -eq $readLine.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The TokenLab emulator did not start within $StartTimeoutSec s: $($process.StandardError.ReadToEnd())"
    }
    if ($readLine.Result -notmatch 'listening on (?<uri>https?://\S+)') {
        $process.Kill()
        throw "Unexpected first line from the TokenLab emulator: $($readLine.Result)"
    }
    # Keep draining output so the emulator never blocks on a full pipe; what it wrote stays readable
    # (StandardErrorText) to explain an emulator that stopped early.
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()

    $emulator = [pscustomobject]@{
        PSTypeName  = 'TokenLab.DevTools.Emulator'
        Process     = $process
        BaseUri     = [uri]($Matches.uri.TrimEnd('/') + '/')
        ApiKey      = $ApiKey[0]
        CertificatePath = if ($Https) { Join-Path ([System.IO.Path]::GetTempPath()) "tokenlab-emulator-$(([uri]$Matches.uri).Port).crt" } else { $null }
        OutputTask  = $stdout
        ErrorTask   = $stderr
    }
    # Complete once the process has exited (the pipes close then); empty while it runs.
    $emulator | Add-Member -MemberType ScriptProperty -Name StandardErrorText -Value {
        if ($this.ErrorTask.IsCompleted) { $this.ErrorTask.Result } else { '' }
    }
    $emulator
}

function Stop-TokenLabEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if (-not $Emulator.Process.HasExited) {
            $Emulator.Process.Kill()
            $null = $Emulator.Process.WaitForExit(10000)
        }
        $Emulator.Process.Dispose()
    }
}

Export-ModuleMember -Function Start-TokenLabEmulator, Stop-TokenLabEmulator
