# Examples written in markdown, run as tests: the help pages' EXAMPLES (Help.Tests.ps1) and the
# README's Gallery (Gallery.Tests.ps1) are read by Get-MarkdownExample and run by Invoke-DocExample,
# each in a runspace of its own that has the module under test; every powershell block of the README,
# read by Get-MarkdownCodeBlock, runs in order in one runspace through Invoke-DocExampleSequence.
# Windows PowerShell 5.1 must be able to parse this file.
Set-StrictMode -Version 3.0

Import-Module (Join-Path $PSScriptRoot 'AudioTestSupport.psm1') -Scope Local

function Get-MarkdownExample {
    <#
    The examples under the "## <Section>" heading of a markdown file: one per "### " subsection, with
    its title, its prose (Text, lines joined by spaces), its powershell blocks (Code, joined by new
    lines; empty when it has none) and its first Output block (Output, or $null). Blocks between the
    section heading and its first "### " make an example titled with the section's name, so that
    no block under the heading goes unseen. Nothing when the file has no such section.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Path,
        [Parameter(Mandatory = $true)] [string] $Section
    )
    $lines = @(([System.IO.File]::ReadAllText($Path) -replace "`r`n", "`n") -split "`n")
    $inSection = $false
    $example = $null
    $fence = $null
    $block = $null
    $examples = New-Object System.Collections.Generic.List[object]
    foreach ($line in $lines) {
        if ($null -ne $fence) {
            if ($line.Trim() -eq '```') {
                if ($fence -eq 'powershell') { $example.Blocks.Add(($block -join "`n")) }
                elseif ($fence -eq 'output' -and $null -eq $example.Output) { $example.Output = ($block -join "`n") }
                $fence = $null
            }
            else { $block += , $line }
            continue
        }
        if ($line -match '^## ') {
            $inSection = ($line.Trim() -eq ('## ' + $Section))
            $example = $null
            continue
        }
        if (-not $inSection) { continue }
        if ($line -match '^### (.+)$') {
            $example = New-MarkdownExample -Title $Matches[1].Trim()
            $examples.Add($example)
            continue
        }
        if ($line -match '^```\s*(\S*)') {
            if ($null -eq $example) {
                $example = New-MarkdownExample -Title $Section
                $examples.Add($example)
            }
            $fence = $Matches[1].ToLowerInvariant()
            $block = @()
            continue
        }
        if ($null -ne $example) { $example.Text = ($example.Text + ' ' + $line.Trim()).Trim() }
    }
    foreach ($item in $examples) {
        [pscustomobject]@{ Title = $item.Title; Text = $item.Text; Code = ($item.Blocks -join "`n"); Output = $item.Output }
    }
}

function New-MarkdownExample {
    param([string] $Title)
    @{ Title = $Title; Text = ''; Blocks = (New-Object System.Collections.Generic.List[string]); Output = $null }
}

function Get-MarkdownCodeBlock {
    <#
    Every powershell block of a markdown file in document order, each with its Code, the Heading it is under
    (the latest "## " or "### " line), its first Line number, and Skip: the reason given by an HTML comment
    "<!-- not run: reason -->" on the line just before its fence (a block that cannot run offline), else $null.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [string] $Path)
    $lines = @(([System.IO.File]::ReadAllText($Path) -replace "`r`n", "`n") -split "`n")
    $heading = ''
    $skip = $null
    $fence = $null
    $block = $null
    $start = 0
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($null -ne $fence) {
            if ($line.Trim() -eq '```') {
                if ($fence -eq 'powershell') {
                    [pscustomobject]@{ Heading = $heading; Line = $start; Code = ($block -join "`n"); Skip = $skip }
                }
                $fence = $null
                $skip = $null
            }
            else { $block += , $line }
            continue
        }
        if ($line -match '^#{2,3} (.+)$') { $heading = $Matches[1].Trim() }
        if ($line -match '^```\s*(\S*)') {
            $fence = $Matches[1].ToLowerInvariant()
            $block = @()
            $start = $i + 2
            continue
        }
        if ($line -match '^<!-- not run: (.+) -->$') { $skip = $Matches[1].Trim() }
        elseif ($line.Trim()) { $skip = $null }
    }
}

function Invoke-DocExampleSequence {
    <#
    Runs -Code blocks one after another in one fresh runspace with the module under test, from -Location, as a
    reader pastes them in turn into one PowerShell session: what a block defines, connects or writes, the blocks
    after it see. -Setup runs first (with -SetupArgument). Returns one result per block, in order: Index, Items
    (its output), Errors (its error records as text, a terminating error's included), HadErrors and Finished
    (false when it did not end within -TimeoutSec). A block that does not finish ends the sequence.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string[]] $Code,
        [Parameter(Mandatory = $true)] [string] $Location,
        [scriptblock] $Setup,
        [object[]] $SetupArgument = @(),
        [int] $TimeoutSec = 120
    )
    $setupText = $null
    if ($null -ne $Setup) { $setupText = $Setup.ToString() }
    $runspace = New-TestRunspace
    try {
        $prepare = Invoke-InRunspace -Runspace $runspace -Argument $Location, $setupText, $SetupArgument -ScriptBlock {
            param($Location, $Setup, $SetupArgument)
            Set-Location -LiteralPath $Location
            if ($Setup) { $null = & ([scriptblock]::Create($Setup)) @SetupArgument }
        }
        $failed = @($prepare.Shell.Streams.Error | ForEach-Object { $_.ToString() })
        Close-InRunspace $prepare
        if ($failed.Count -gt 0) { throw "The setup failed: $($failed -join '; ')" }
        for ($i = 0; $i -lt $Code.Count; $i++) {
            # Dot-sourced, so the block's variables stay in the session for the blocks after it.
            $run = Invoke-InRunspace -Runspace $runspace -TimeoutSec $TimeoutSec -Argument $Code[$i] -ScriptBlock {
                param($Code)
                . ([scriptblock]::Create($Code))
            }
            try {
                $finished = $run.Async.IsCompleted
                $errors = @($run.Shell.Streams.Error | ForEach-Object { $_.ToString() })
                $state = $run.Shell.InvocationStateInfo
                if ($state.State -eq 'Failed') { $errors += $state.Reason.Message }
                [pscustomobject]@{
                    Index     = $i
                    Items     = @($run.Output)
                    Errors    = $errors
                    HadErrors = $run.Shell.HadErrors -or $state.State -eq 'Failed'
                    Finished  = $finished
                }
            }
            finally {
                Close-InRunspace $run
            }
            if (-not $finished) { break }
        }
    }
    finally {
        $runspace.Dispose()
    }
}

function Invoke-DocExample {
    <#
    Runs -Code as a user would paste it, in a fresh runspace with the module under test (so nothing it
    connects or defines reaches the next example), from -Location when given. -Setup runs first in the
    same runspace with -SetupArgument, for state that lives in a runspace (a vault's secrets). Returns
    the objects the code wrote (Items), their text as PowerShell shows it (Text, 250 columns, no ANSI
    colours), its error records as text (Errors) and whether it had errors (HadErrors). A terminating
    error of the code is thrown. The runspace has no interactive host, so a command that would prompt
    (Read-Host, a confirmation, a locked vault) fails with an error instead of waiting.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Code,
        [string] $Location,
        [scriptblock] $Setup,
        [object[]] $SetupArgument = @()
    )
    $setupText = $null
    if ($null -ne $Setup) { $setupText = $Setup.ToString() }
    $run = Invoke-InRunspace -Argument $Code, $Location, $setupText, $SetupArgument -ScriptBlock {
        param($Code, $Location, $Setup, $SetupArgument)
        if ($Location) { Set-Location -LiteralPath $Location }
        if ($Setup) { $null = & ([scriptblock]::Create($Setup)) @SetupArgument }
        $items = @(& ([scriptblock]::Create($Code)))
        [pscustomobject]@{ Items = $items; Text = ($items | Out-String -Width 250) }
    }
    try {
        $state = $run.Shell.InvocationStateInfo
        if ($state.State -eq 'Failed') { throw $state.Reason }
        if ($state.State -ne 'Completed') { throw "The example did not finish (state $($state.State))." }
        $result = $run.Output[0]
        $ansi = [string][char]27 + '\[[0-9;]*m'
        [pscustomobject]@{
            Items     = $result.Items
            Text      = $result.Text -replace $ansi, ''
            Errors    = @($run.Shell.Streams.Error | ForEach-Object { $_.ToString() })
            HadErrors = $run.Shell.HadErrors
        }
    }
    finally {
        Close-InRunspace $run
    }
}

Export-ModuleMember -Function Get-MarkdownExample, Get-MarkdownCodeBlock, Invoke-DocExample, Invoke-DocExampleSequence
