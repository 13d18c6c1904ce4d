# The build and release plumbing: the public CI workflow stays consistent with build.ps1.
# Windows PowerShell 5.1 must be able to parse this file.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $RepoRoot = Get-TestRepoRoot
    $BuildParameters = (Get-Command (Join-Path $RepoRoot 'build.ps1')).Parameters
    $Workflow = Get-Content -LiteralPath (Join-Path $RepoRoot '.github/workflows/ci.yml') -Raw

    function Get-ValidValues([string] $Parameter) {
        @($BuildParameters[$Parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { $_.ValidValues })
    }
}

Describe 'The public CI workflow (.github/workflows/ci.yml)' {
    It 'calls only tasks and Pester shells that build.ps1 defines' {
        $tasks = @([regex]::Matches($Workflow, 'build\.ps1 -Task (\w+)') | ForEach-Object { $_.Groups[1].Value })
        $tasks | Should -Contain 'Test'
        foreach ($task in $tasks) { Get-ValidValues 'Task' | Should -Contain $task }
        $shells = @([regex]::Matches($Workflow, '-PesterShell (\S+)') | ForEach-Object { $_.Groups[1].Value })
        $shells | Should -Contain 'powershell'
        foreach ($shell in $shells) { Get-ValidValues 'PesterShell' | Should -Contain $shell }
    }

    It 'pins every action to a full commit, with its tag in a comment' {
        $uses = @([regex]::Matches($Workflow, '(?m)^\s*-?\s*uses:\s*(\S+)(.*)$'))
        $uses.Count | Should -BeGreaterThan 3
        foreach ($use in $uses) {
            $use.Groups[1].Value | Should -Match '^[\w.-]+/[\w.-]+@[0-9a-f]{40}$'
            $use.Groups[2].Value | Should -Match '^\s+# v\d'
        }
    }

    It 'runs .ci/run on Linux, and the .NET Framework suite and both Windows shells on Windows' {
        $Workflow | Should -Match 'runs-on: ubuntu-latest'
        $Workflow | Should -Match 'run: bash \.ci/run'
        $Workflow | Should -Match 'runs-on: windows-latest'
        $Workflow | Should -Match 'build\.ps1 -Task Test\b'
        $Workflow | Should -Match '-PesterShell powershell\b'
        $Workflow | Should -Match '-PesterShell pwsh\b'
        $Workflow | Should -Match 'path: out/TestResults'
    }
}
