# Examples written in markdown, run as tests: the help pages' EXAMPLES (Help.Tests.ps1) and the
# README's Gallery (Gallery.Tests.ps1) are read by Get-MarkdownExample and run by Invoke-DocExample,
# each in a runspace of its own that has the module under test.
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

Export-ModuleMember -Function Get-MarkdownExample, Invoke-DocExample
