# The build and release plumbing: the public CI workflow stays consistent with build.ps1.
# Windows PowerShell 5.1 must be able to parse this file.

BeforeDiscovery {
    # PSResourceGet (Compress-PSResource 1.1+, Install-PSResource) is in the box from PowerShell 7.4; on
    # Windows PowerShell 5.1 it is there only when installed from the gallery.
    # (Looked up without importing it: an import writes PSResourceGet's default settings into the user's profile.)
    $HasPSResourceGet = $null -ne (Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet | Where-Object { $_.Version -ge [version]'1.1.0' })
    $CanSign = $null -ne (Get-Command Set-AuthenticodeSignature -ErrorAction SilentlyContinue)
}

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

Describe 'The package (build.ps1 -Task Package)' {
    BeforeAll {
        $Test = Initialize-TokenLabTest
        Import-Module (Join-Path $RepoRoot 'tools/TokenLab.Release.psm1') -Force
        # A copy of the built layout, so signing and packing never touch the module the other tests load.
        $Layout = Join-Path $TestDrive 'layout/TokenLab'
        $null = New-Item -ItemType Directory -Path (Split-Path -Parent $Layout) -Force
        Copy-Item -LiteralPath (Split-Path -Parent $Test.ModulePath) -Destination $Layout -Recurse

        function Get-PackageEntry([string] $Path) {
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
            try { @($zip.Entries | ForEach-Object { $_.FullName }) } finally { $zip.Dispose() }
        }
    }

    It 'without a certificate packs unsigned, says so, and leaves every file as it was' {
        $before = @(Get-ChildItem -LiteralPath $Layout -Recurse -File | Get-FileHash | ForEach-Object { $_.Hash })

        $result = Set-TokenLabSignature -ModuleDirectory $Layout

        $result.Signed | Should -BeFalse
        $result.Reason | Should -BeLike 'unsigned:*-CertificatePath*'
        @($result.Files).Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $Layout -Recurse -File | Get-FileHash | ForEach-Object { $_.Hash }) | Should -Be $before
    }

    It 'refuses a certificate where Authenticode signing is not available, instead of packing unsigned' -Skip:$CanSign {
        { Set-TokenLabSignature -ModuleDirectory $Layout -CertificatePath (Join-Path $TestDrive 'code-signing.pfx') } | Should -Throw '*needs Windows*'
    }

    It 'signs exactly the module''s own files in the package: the two assemblies, the manifest and the ps1xml files' -Skip:(-not $HasPSResourceGet) {
        $nupkg = New-TokenLabPackage -ModuleDirectory $Layout -OutputDirectory (Join-Path $TestDrive 'packed')
        $entries = Get-PackageEntry $nupkg
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $Layout 'TokenLab.psd1')

        Split-Path -Leaf $nupkg | Should -Be "TokenLab.$($manifest.ModuleVersion).nupkg"
        foreach ($file in $manifest.FileList) { $entries | Should -Contain ($file -replace '\\', '/') }
        $ours = @($entries | Where-Object { $_ -match '\.(dll|psd1|psm1|ps1|ps1xml)$' -and $_ -notlike 'Dependencies/*' } | Sort-Object)
        @(Get-TokenLabSignableFile -ModuleDirectory $Layout | Sort-Object) | Should -Be $ours
        $ours | Should -Be @('TokenLab.Client.dll', 'TokenLab.dll', 'TokenLab.Format.ps1xml', 'TokenLab.psd1', 'TokenLab.Types.ps1xml')
    }

    It 'publishes to a local repository, installs with Install-PSResource, imports by name and runs a cmdlet, leaving no repository registered' -Skip:(-not $HasPSResourceGet) {
        $nupkg = New-TokenLabPackage -ModuleDirectory $Layout -OutputDirectory (Join-Path $TestDrive 'built')
        $repository = Join-Path $TestDrive 'repository'
        $null = New-Item -ItemType Directory -Path $repository -Force
        $scratchHome = Join-Path $TestDrive 'home'
        $null = New-Item -ItemType Directory -Path $scratchHome -Force
        $script = Join-Path $TestDrive 'install.ps1'
        Set-Content -LiteralPath $script -Encoding utf8 -Value @'
param([string] $Nupkg, [string] $Repository, [string] $BaseUri)
$ErrorActionPreference = 'Stop'
$name = 'TokenLabScratch' + [guid]::NewGuid().ToString('N')
Register-PSResourceRepository -Name $name -Uri $Repository -Trusted
try {
    Publish-PSResource -NupkgPath $Nupkg -Repository $name
    Install-PSResource -Name TokenLab -Repository $name -Scope CurrentUser -TrustRepository -Quiet
    $installed = Get-InstalledPSResource -Name TokenLab -Scope CurrentUser
    $env:PSModulePath = (Split-Path -Parent $installed.InstalledLocation) + [System.IO.Path]::PathSeparator + $env:PSModulePath
    Import-Module TokenLab
    $model = Get-TokenLabModel -Id tts-1 -BaseUri $BaseUri
    [pscustomobject]@{ Model = $model.Id; ModuleBase = (Get-Module TokenLab).ModuleBase; Version = "$($installed.Version)" } | ConvertTo-Json -Compress
}
finally {
    Remove-Module TokenLab -ErrorAction SilentlyContinue
    Uninstall-PSResource -Name TokenLab -Scope CurrentUser -ErrorAction SilentlyContinue
    Unregister-PSResourceRepository -Name $name
    if (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue) { throw "The repository $name is still registered." }
}
'@
        # A scratch HOME: on Linux and macOS the repository list and the CurrentUser module folder live under it,
        # so nothing reaches the user's own (on Windows the script's finally block undoes both).
        $saved = @{}
        foreach ($variable in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $saved[$variable] = [Environment]::GetEnvironmentVariable($variable) }
        try {
            [Environment]::SetEnvironmentVariable('HOME', $scratchHome)
            [Environment]::SetEnvironmentVariable('XDG_DATA_HOME', (Join-Path $scratchHome '.local/share'))
            [Environment]::SetEnvironmentVariable('XDG_CONFIG_HOME', (Join-Path $scratchHome '.config'))
            [Environment]::SetEnvironmentVariable('XDG_CACHE_HOME', (Join-Path $scratchHome '.cache'))
            # The child starts in the scratch folder too: NuGet, under PSResourceGet, may write settings relative to it.
            Push-Location -LiteralPath $scratchHome
            $shell = (Get-Process -Id $PID).Path
            $arguments = @()
            if ((Split-Path -Leaf $shell) -like 'dotnet*') { $arguments = @(Join-Path $PSHOME 'pwsh.dll') }
            $output = & $shell @arguments -NoProfile -NonInteractive -File $script -Nupkg $nupkg -Repository $repository -BaseUri $Test.BaseUri 2>&1
            $exitCode = $LASTEXITCODE
        }
        finally {
            foreach ($variable in $saved.Keys) { [Environment]::SetEnvironmentVariable($variable, $saved[$variable]) }
            Pop-Location
        }

        $exitCode | Should -Be 0 -Because ($output -join [Environment]::NewLine)
        $result = @($output | Where-Object { "$_" -like '{*' })[-1] | ConvertFrom-Json
        $result.Model | Should -Be 'tts-1'
        $result.Version | Should -Be (Import-PowerShellDataFile -LiteralPath (Join-Path $Layout 'TokenLab.psd1')).ModuleVersion
        $result.ModuleBase | Should -Not -Be $Layout
        if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT) {
            $result.ModuleBase | Should -BeLike "$scratchHome*"
        }
    }
}
