# The built module as a whole: manifest, exported commands, output types, versions, dependencies,
# format views and the parameter conventions shared by every API cmdlet (help: Help.Tests.ps1).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $manifestData = Import-PowerShellDataFile -Path (Get-TestModulePath)
    $script:CmdletCases = @(foreach ($name in $manifestData.CmdletsToExport) { @{ Name = $name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $ModuleDirectory = Split-Path -Parent $Test.ModulePath
    $ManifestData = Import-PowerShellDataFile -Path $Test.ModulePath
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest' {
        $manifest = Test-ModuleManifest -Path $Test.ModulePath -ErrorAction Stop
        $manifest.Name | Should -Be 'TokenLab'
        $manifest.RootModule | Should -Be 'TokenLab.dll'
    }

    It 'declares both editions and PowerShell 5.1' {
        $ManifestData.CompatiblePSEditions | Should -Contain 'Desktop'
        $ManifestData.CompatiblePSEditions | Should -Contain 'Core'
        $ManifestData.PowerShellVersion | Should -Be '5.1'
    }

    It 'lists its cmdlets explicitly (no wildcards) and exports no functions, variables or aliases by wildcard' {
        $ManifestData.CmdletsToExport | Should -Not -BeNullOrEmpty
        foreach ($name in $ManifestData.CmdletsToExport) { [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($name) | Should -BeFalse }
        @($ManifestData.FunctionsToExport).Count | Should -Be 0
        @($ManifestData.VariablesToExport).Count | Should -Be 0
    }

    It 'has the same ModuleVersion as TokenLab.dll' {
        $assembly = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleDirectory 'TokenLab.dll'))
        $moduleVersion = [version]$ManifestData.ModuleVersion
        $assembly.Version.ToString(3) | Should -Be $moduleVersion.ToString(3)
        (Get-Module TokenLab).Version.ToString(3) | Should -Be $moduleVersion.ToString(3)
    }

    It 'ships every file its FileList names, and the FileList names the shipped assemblies, type data and views' {
        foreach ($file in $ManifestData.FileList) {
            Join-Path $ModuleDirectory $file | Should -Exist
        }
        $ManifestData.FileList | Should -Contain 'TokenLab.dll'
        $ManifestData.FileList | Should -Contain 'TokenLab.Client.dll'
        $ManifestData.TypesToProcess | Should -Be 'TokenLab.Types.ps1xml'
        $ManifestData.FormatsToProcess | Should -Be 'TokenLab.Format.ps1xml'
        foreach ($file in @($ManifestData.TypesToProcess) + @($ManifestData.FormatsToProcess)) { $ManifestData.FileList | Should -Contain $file }
    }

    It 'has the PSData the gallery needs (tags for both editions, project and license URIs)' {
        $psData = $ManifestData.PrivateData.PSData
        $psData.Tags | Should -Contain 'PSEdition_Desktop'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -Match '^https://'
    }
}

Describe 'Exported commands' {
    It 'exports exactly the cmdlets of CmdletsToExport' {
        $exported = @(Get-Command -Module TokenLab | ForEach-Object { $_.Name } | Sort-Object)
        $declared = @($ManifestData.CmdletsToExport | Sort-Object)
        $exported | Should -Be $declared
        @(Get-Command -Module TokenLab | Where-Object { $_.CommandType -ne 'Cmdlet' }).Count | Should -Be 0
    }

    It '<Name> declares an [OutputType]' -ForEach $CmdletCases {
        $command = Get-Command -Name $Name -Module TokenLab
        @($command.OutputType).Count | Should -BeGreaterThan 0
    }

    It '<Name> uses an approved verb' -ForEach $CmdletCases {
        (Get-Command -Name $Name -Module TokenLab).Verb | Should -BeIn @(Get-Verb | ForEach-Object { $_.Verb })
    }

    It 'imports without warnings or errors in a fresh runspace' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $Test.ModulePath).AddParameter('PassThru', $true)
            $imported = $shell.Invoke()
            $shell.Streams.Error.Count | Should -Be 0
            $shell.Streams.Warning.Count | Should -Be 0
            $imported[0].Name | Should -Be 'TokenLab'
        }
        finally { $shell.Dispose() }
    }

    It 'every API cmdlet has the shared connection parameters with the documented types' {
        $apiCmdlets = @(Get-Command -Module TokenLab | Where-Object { $_.Parameters.ContainsKey('BaseUri') -and $_.Name -ne 'Connect-TokenLab' })
        $apiCmdlets.Count | Should -BeGreaterThan 0
        foreach ($command in $apiCmdlets) {
            $command.Parameters['ApiKey'].ParameterType | Should -Be ([System.Security.SecureString]) -Because "$($command.Name) -ApiKey"
            $command.Parameters['BaseUri'].ParameterType | Should -Be ([uri]) -Because "$($command.Name) -BaseUri"
            $command.Parameters['Proxy'].ParameterType | Should -Be ([uri]) -Because "$($command.Name) -Proxy"
            $command.Parameters['ProxyCredential'].ParameterType | Should -Be ([pscredential]) -Because "$($command.Name) -ProxyCredential"
            $command.Parameters['ProxyUseDefaultCredentials'].ParameterType | Should -Be ([switch]) -Because "$($command.Name) -ProxyUseDefaultCredentials"
            $command.Parameters['TimeoutSec'].ParameterType | Should -Be ([int]) -Because "$($command.Name) -TimeoutSec"
            $command.Parameters['MaxRetries'].ParameterType | Should -Be ([int]) -Because "$($command.Name) -MaxRetries"
            $command.Parameters['MaxRetryWaitSec'].ParameterType | Should -Be ([int]) -Because "$($command.Name) -MaxRetryWaitSec"
        }
    }

    It 'Get-TokenLabModel -Id is position 0, takes pipeline input by value and by property name, and has the Model/ModelId aliases' {
        $parameter = (Get-Command Get-TokenLabModel).Parameters['Id']
        $attribute = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })[0]
        $attribute.Position | Should -Be 0
        $attribute.ValueFromPipeline | Should -BeTrue
        $attribute.ValueFromPipelineByPropertyName | Should -BeTrue
        $parameter.Aliases | Should -Contain 'Model'
        $parameter.Aliases | Should -Contain 'ModelId'
        $parameter.ParameterType | Should -Be ([string[]])
    }

    It 'Connect-TokenLab supports -WhatIf and -Confirm' {
        $command = Get-Command Connect-TokenLab
        $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
        $command.Parameters.ContainsKey('Confirm') | Should -BeTrue
    }
}

Describe 'Text for the Windows PowerShell console' {
    # The 5.1 console uses the OEM code page (437, 850), which prints characters such as U+2026 as '?'.
    It 'keeps the help, the about topic and the format and type files to ASCII' {
        $files = @(Get-ChildItem -LiteralPath (Join-Path $ModuleDirectory 'en-US') -File) + @(Get-ChildItem -LiteralPath $ModuleDirectory -Filter '*.ps1xml' -File)
        $files.Count | Should -BeGreaterThan 3
        foreach ($file in $files) {
            [System.IO.File]::ReadAllText($file.FullName) | Should -Not -Match '[^\x00-\x7F]' -Because $file.Name
        }
    }

    It 'puts no non-ASCII character in the code of the module and the client, where messages are built' {
        # Input-only characters are allowed where the text is read, not written: sentence ends of other
        # scripts when splitting speech text, and the byte order mark a subtitle file may start with.
        $readersOfInput = @('SpeechTextSplitter.cs', 'SubtitleParser.cs')
        $sources = @('TokenLab', 'TokenLab.Client') | ForEach-Object { Join-Path $PSScriptRoot "../../src/$_" }
        $files = @(Get-ChildItem -LiteralPath $sources -Recurse -Filter '*.cs' -File | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $readersOfInput -notcontains $_.Name })
        $files.Count | Should -BeGreaterThan 50
        $found = foreach ($file in $files) {
            $number = 0
            foreach ($line in [System.IO.File]::ReadAllLines($file.FullName)) {
                $number++
                $code = $line -replace '^\s*//.*$', '' -replace '\s//\s.*$', ''
                if ($code -match '[^\x00-\x7F]' -or $code -match '(?<!\\)\\u(?!00[0-7])[0-9A-Fa-f]{4}') { "$($file.Name):$number $($line.Trim())" }
            }
        }
        @($found) | Should -BeNullOrEmpty
    }

    It 'masks a key with three dots' {
        [TokenLab.Client.ApiKeyMask]::Mask('sk-abcdefghijklmnop1234') | Should -BeExactly 'sk-...1234'
    }
}

Describe 'Dependencies' {
    It 'ships System.Text.Json 8.0.x (assembly version 8.0.0.0) for Windows PowerShell in Dependencies' {
        $path = Join-Path $ModuleDirectory 'Dependencies/System.Text.Json.dll'
        $path | Should -Exist
        [System.Reflection.AssemblyName]::GetAssemblyName($path).Version | Should -Be ([version]'8.0.0.0')
        [System.Diagnostics.FileVersionInfo]::GetVersionInfo($path).FileVersion | Should -Match '^8\.0\.'
    }

    It 'keeps the System.Text.Json family out of the module root, where PowerShell 7 would load it' {
        @(Get-ChildItem -Path $ModuleDirectory -Filter 'System.*.dll' -File).Count | Should -Be 0
        @(Get-ChildItem -Path $ModuleDirectory -Filter 'Microsoft.Bcl.*.dll' -File).Count | Should -Be 0
    }

    It 'resolves, for Windows PowerShell, each shipped dependency for the module''s own requests only, and never a newer version' {
        # The AssemblyResolve decision itself (registered only on .NET Framework) on the real module layout.
        $folder = (Resolve-Path $ModuleDirectory).ProviderPath
        $type = (Get-Module TokenLab).ImplementingAssembly.GetType('TokenLab.PowerShell.DependencyResolver', $true)
        $resolver = [System.Activator]::CreateInstance($type, [object[]]@($folder))
        $client = Join-Path $folder 'TokenLab.Client.dll'
        $files = @(Get-ChildItem -LiteralPath (Join-Path $folder 'Dependencies') -Filter '*.dll' -File)
        $files.Count | Should -BeGreaterThan 0
        foreach ($file in $files) {
            $shipped = [System.Reflection.AssemblyName]::GetAssemblyName($file.FullName)
            $resolver.Resolve($shipped, $client) | Should -Be $file.FullName -Because $shipped.Name
            $newer = [System.Reflection.AssemblyName]::new($shipped.FullName)
            $newer.Version = [version]::new($shipped.Version.Major + 1, 0, 0, 0)
            $resolver.Resolve($newer, $client) | Should -BeNullOrEmpty -Because "$($shipped.Name) $($newer.Version) is newer than the shipped copy"
            $resolver.Resolve($shipped, (Join-Path ([System.IO.Path]::GetTempPath()) 'Other/Other.dll')) | Should -BeNullOrEmpty -Because 'another module asked'
        }
    }

    It 'compiles TokenLab.Client against System.Text.Json 8.0.0.0 at most' {
        $client = [TokenLab.Client.TokenLabClient].Assembly
        $reference = @($client.GetReferencedAssemblies() | Where-Object { $_.Name -eq 'System.Text.Json' })
        $reference.Count | Should -Be 1
        $reference[0].Version | Should -Be ([version]'8.0.0.0')
    }

    It 'in PowerShell 7, uses the runtime System.Text.Json and never loads the shipped copy' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        # A catalog call makes the client parse JSON, so its System.Text.Json is loaded by now.
        $null = Get-TokenLabModel -Id tts-1 -BaseUri $Test.BaseUri
        $dependencies = (Resolve-Path (Join-Path $ModuleDirectory 'Dependencies')).ProviderPath
        $loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Text.Json' })
        $loaded.Count | Should -BeGreaterThan 0
        foreach ($assembly in $loaded) {
            $assembly.Location | Should -Not -BeLike "$dependencies*"
            $assembly.GetName().Version.Major | Should -BeGreaterOrEqual 8
        }
        [System.Text.Json.JsonSerializer].Assembly.Location | Should -Not -BeLike "$dependencies*"
    }

    It 'loads the audio codecs (NAudio.Core, NLayer, NVorbis) from the module''s Dependencies folder' {
        $ogg = Join-Path (Get-TestRepoRoot) 'tests/TokenLab.Client.Tests/Audio/Recordings/tone-700hz-22k05-mono.ogg'
        $mp3 = Join-Path (Get-TestRepoRoot) 'tests/TokenLab.Client.Tests/Audio/Recordings/tone-1000hz-44k1-stereo.mp3'
        foreach ($path in $ogg, $mp3) {
            $audio = [TokenLab.Client.Realtime.RealtimeInputAudio]::OpenAsync([System.IO.File]::OpenRead($path), 'test', $null, $false, [System.Threading.CancellationToken]::None).GetAwaiter().GetResult()
            try { $null = $audio.Pcm.Read((New-Object byte[] 4800), 0, 4800) } finally { $audio.Dispose() }
        }
        $dependencies = (Resolve-Path (Join-Path $ModuleDirectory 'Dependencies')).ProviderPath
        foreach ($name in 'NAudio.Core', 'NLayer', 'NVorbis') {
            $loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name })
            $loaded.Count | Should -Be 1 -Because $name
            $loaded[0].Location | Should -BeLike "$dependencies*" -Because $name
        }
    }

    It 'in Windows PowerShell, loads System.Text.Json from the module''s Dependencies folder' -Skip:($PSVersionTable.PSEdition -ne 'Desktop') {
        $null = Get-TokenLabModel -Id tts-1 -BaseUri $Test.BaseUri
        $dependencies = (Resolve-Path (Join-Path $ModuleDirectory 'Dependencies')).ProviderPath
        $loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Text.Json' })
        $loaded.Count | Should -Be 1
        $loaded[0].Location | Should -BeLike "$dependencies*"
    }
}

Describe 'Format views' {
    It 'has a table and a list view for TokenLabModel' {
        $format = Get-FormatData -TypeName 'TokenLab.Client.Models.TokenLabModel'
        $format | Should -Not -BeNullOrEmpty
        $controls = @($format.FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name })
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }

    It 'has a view for TokenLabContextInfo' {
        Get-FormatData -TypeName 'TokenLab.PowerShell.Output.TokenLabContextInfo' | Should -Not -BeNullOrEmpty
    }

    It 'shows models as a table with the declared columns by default' {
        $text = Get-TokenLabModel -RecommendedFor tts -BaseUri $Test.BaseUri | Out-String -Width 200
        $text | Should -Match 'Provider\s+Category\s+Rank\s+Success24h\s+Lifecycle\s+Realtime\s+Id'
        $text | Should -Match 'gpt-4o-mini-tts'
    }
}
