# The help drift test. The markdown in docs/TokenLab (PlatyPS v1) is the source of the help; the
# compiled help in docs/en-US (MAML and the about topic) is committed, because PlatyPS cannot run in
# CI. These tests keep the three in step with the cmdlets of the built module:
#   - every exported cmdlet has a markdown page and a MAML entry, and nothing else does;
#   - every parameter set and parameter (common parameters aside) is in both, with the type,
#     mandatory flag, position, pipeline input, aliases, wildcards and accepted values that
#     Get-Command reports;
#   - the committed help is exactly what tools/ConvertTo-MamlHelp.ps1 makes of the markdown now;
#   - Get-Help shows a real synopsis, a description, every parameter's description and examples;
#   - the examples run against the test emulator (an example whose remarks say "This example
#     needs ..." needs a real key, a vault or Azure, and is reported as skipped).
# Windows PowerShell 5.1 must be able to parse this file.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    $repoRoot = Get-TestRepoRoot
    $manifestData = Import-PowerShellDataFile -Path (Get-TestModulePath)
    $CommandCases = @(foreach ($name in $manifestData.CmdletsToExport) { @{ Name = $name } })

    # The examples of every command page: title, PowerShell code, the first Output block, and
    # whether the remarks say the example needs something the test machine does not have.
    Import-Module (Join-Path $PSScriptRoot 'DocExampleSupport.psm1') -Force
    $ExampleCases = @()
    foreach ($page in (Get-ChildItem -Path (Join-Path $repoRoot 'docs/TokenLab') -Filter '*.md' | Sort-Object Name)) {
        foreach ($example in (Get-MarkdownExample -Path $page.FullName -Section 'EXAMPLES')) {
            $needsOutside = $null
            if ($example.Text -match '(This example needs .+?)\.(\s|$)') { $needsOutside = $Matches[1] }
            $ExampleCases += @{
                Command        = $page.BaseName
                Title          = $example.Title
                ExampleCode    = $example.Code
                ExpectedOutput = $example.Output
                NeedsOutside   = $needsOutside
            }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'DocExampleSupport.psm1') -Force
    $Test = Initialize-TokenLabTest
    $RepoRoot = Get-TestRepoRoot
    $DocsRoot = Join-Path $RepoRoot 'docs'
    $PagesRoot = Join-Path $DocsRoot 'TokenLab'
    $CompiledRoot = Join-Path $DocsRoot 'en-US'
    $Converter = Join-Path $RepoRoot 'tools/ConvertTo-MamlHelp.ps1'
    $ModuleBase = Split-Path -Parent $Test.ModulePath
    $CommonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters)
    $DocumentedEmulator = 'http://127.0.0.1:5099'
    $DocumentedKey = 'sk-emulator-local-key'

    $Maml = New-Object System.Xml.XmlDocument
    $Maml.Load((Join-Path $CompiledRoot 'TokenLab.dll-Help.xml'))
    $Ns = New-Object System.Xml.XmlNamespaceManager $Maml.NameTable
    $Ns.AddNamespace('msh', 'http://msh')
    $Ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $Ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $Ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')

    function Read-TextFile([string] $Path) {
        ([System.IO.File]::ReadAllText($Path)) -replace "`r`n", "`n"
    }

    function Get-Page {
        # A command page: its front matter, and its "## " sections as arrays of lines.
        param([string] $Name)
        $path = Join-Path $PagesRoot ($Name + '.md')
        $lines = @((Read-TextFile $path) -split "`n")
        $front = @{}
        $start = 0
        if ($lines[0] -eq '---') {
            for ($i = 1; $i -lt $lines.Count; $i++) {
                if ($lines[$i] -eq '---') { $start = $i + 1; break }
                if ($lines[$i] -match '^([^:]+):\s*(.*)$') { $front[$Matches[1].Trim()] = $Matches[2].Trim() }
            }
        }
        $sections = [ordered]@{}
        $title = $null
        $current = $null
        $inFence = $false
        for ($i = $start; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line -match '^```') { $inFence = -not $inFence }
            if (-not $inFence -and $line -match '^# (.+)$' -and $null -eq $title) { $title = $Matches[1].Trim(); continue }
            if (-not $inFence -and $line -match '^## (.+)$') {
                $current = $Matches[1].Trim()
                $sections[$current] = New-Object System.Collections.Generic.List[string]
                continue
            }
            if ($null -ne $current) { $sections[$current].Add($line) }
        }
        [pscustomobject]@{ FrontMatter = $front; Title = $title; Sections = $sections }
    }

    function Get-Subsection {
        # The "### " subsections of a section: heading -> list of { Text; Code blocks (language, text) }.
        param($Lines)
        $result = [ordered]@{}
        $current = $null
        $fence = $null
        $block = $null
        foreach ($line in $Lines) {
            if ($null -ne $fence) {
                if ($line.Trim() -eq '```') {
                    $current.Code.Add([pscustomobject]@{ Language = $fence; Text = ($block -join "`n") })
                    $fence = $null
                }
                else { $block += , $line }
                continue
            }
            if ($line -match '^### (.+)$') {
                $current = [pscustomobject]@{ Text = ''; Code = (New-Object System.Collections.Generic.List[object]) }
                $result[$Matches[1].Trim()] = $current
                continue
            }
            if ($null -eq $current) { continue }
            if ($line -match '^```\s*(\S*)') { $fence = $Matches[1]; $block = @(); continue }
            $current.Text = ($current.Text + ' ' + $line.Trim()).Trim()
        }
        $result
    }

    function ConvertFrom-ParameterYaml([string] $Text) {
        $values = @{}
        foreach ($line in ($Text -split "`n")) {
            if ($line -match '^([^:]+):\s*(.*)$') { $values[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $values
    }

    function Split-List([string] $Text) {
        if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
        @($Text.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }

    function Get-ParameterAttribute {
        # The [Parameter] attribute of a parameter in one parameter set.
        param($Command, [string] $ParameterName, [string] $SetName)
        $metadata = $Command.Parameters[$ParameterName]
        $attributes = @($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $match = @($attributes | Where-Object { $_.ParameterSetName -eq $SetName })
        if ($match.Count -eq 0) { $match = @($attributes | Where-Object { $_.ParameterSetName -eq '__AllParameterSets' }) }
        $match[0]
    }

    function Get-ExpectedParameter {
        # What Get-Command says about a parameter in a set, in the words PlatyPS uses.
        param($Command, $SetParameter)
        $metadata = $Command.Parameters[$SetParameter.Name]
        $validateSet = @($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
        $accepted = @()
        if ($validateSet.Count -gt 0) { $accepted = @($validateSet[0].ValidValues) }
        $position = 'Named'
        if ($SetParameter.Position -ge 0) { $position = [string]$SetParameter.Position }
        [pscustomobject]@{
            Type           = $SetParameter.ParameterType.Name
            Required       = [bool]$SetParameter.IsMandatory
            Position       = $position
            ByValue        = [bool]$SetParameter.ValueFromPipeline
            ByPropertyName = [bool]$SetParameter.ValueFromPipelineByPropertyName
            Aliases        = @($SetParameter.Aliases | Sort-Object)
            Wildcards      = (@($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0)
            AcceptedValues = @($accepted | Sort-Object)
            IsSwitch       = ($SetParameter.ParameterType -eq [System.Management.Automation.SwitchParameter])
        }
    }

    function Get-DocumentedSetName([string] $SetName) {
        if ($SetName -eq '__AllParameterSets') { return '(All)' }
        $SetName
    }

    function Get-SetParameter($Set) {
        @($Set.Parameters | Where-Object { $CommonParameters -notcontains $_.Name })
    }

    function Format-ExpectedSyntax {
        # The syntax line PlatyPS writes for a parameter set: positional parameters by position first,
        # then the others in the cmdlet's order; optional parts in brackets.
        param($Command, $Set)
        $parameters = Get-SetParameter $Set
        $ordered = @($parameters | Where-Object { $_.Position -ge 0 } | Sort-Object Position) + @($parameters | Where-Object { $_.Position -lt 0 })
        $parts = @($Command.Name)
        foreach ($parameter in $ordered) {
            $name = '-' + $parameter.Name
            if ($parameter.Position -ge 0) { $name = '[' + $name + ']' }
            $part = $name
            if ($parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) { $part = $name + ' <' + $parameter.ParameterType.Name + '>' }
            if (-not $parameter.IsMandatory) { $part = '[' + $part + ']' }
            $parts += $part
        }
        $parts += '[<CommonParameters>]'
        $parts -join ' '
    }

    function Get-PipelineFlag([string] $Text) {
        [pscustomobject]@{
            ByValue        = ($Text -match '^True' -and $Text -match 'ByValue')
            ByPropertyName = ($Text -match '^True' -and $Text -match 'ByPropertyName')
        }
    }

    function Get-MamlCommand([string] $Name) {
        $Maml.SelectSingleNode("/msh:helpItems/command:command[command:details/command:name='$Name']", $Ns)
    }

    function Get-NodeText($Node, [string] $XPath) {
        $found = $Node.SelectSingleNode($XPath, $Ns)
        if ($null -eq $found) { return $null }
        $found.InnerText
    }

    function Assert-MamlParameter {
        # A MAML command:parameter against Get-Command's metadata.
        param($Node, $Expected, [string] $Because, [switch] $InSyntax)
        $Node.GetAttribute('required') | Should -Be $Expected.Required.ToString().ToLowerInvariant() -Because "$Because required"
        $Node.GetAttribute('globbing') | Should -Be $Expected.Wildcards.ToString().ToLowerInvariant() -Because "$Because globbing"
        $pipeline = Get-PipelineFlag $Node.GetAttribute('pipelineInput')
        $pipeline.ByValue | Should -Be $Expected.ByValue -Because "$Because pipeline input by value"
        $pipeline.ByPropertyName | Should -Be $Expected.ByPropertyName -Because "$Because pipeline input by property name"
        $aliases = @()
        if ($Node.GetAttribute('aliases') -ne 'none') { $aliases = Split-List $Node.GetAttribute('aliases') }
        @($aliases | Sort-Object) -join ',' | Should -Be ($Expected.Aliases -join ',') -Because "$Because aliases"
        Get-NodeText $Node 'dev:type/maml:name' | Should -Be $Expected.Type -Because "$Because type"
        $value = $Node.SelectSingleNode('command:parameterValue', $Ns)
        if ($Expected.IsSwitch -and $InSyntax) {
            $value | Should -BeNullOrEmpty -Because "$Because (a switch shows no value in the syntax)"
        }
        else {
            $value.InnerText | Should -Be $Expected.Type -Because "$Because parameter value type"
        }
        (Get-NodeText $Node 'maml:Description').Trim() | Should -Not -BeNullOrEmpty -Because "$Because description"
    }

    function Get-SignificantLine([string] $Text) {
        # The first line of documented output that a script can see (not host or verbose text), whitespace collapsed.
        foreach ($line in ($Text -split "`n")) {
            $trimmed = $line.Trim()
            if ($trimmed -eq '' -or $trimmed -match '^(VERBOSE|WARNING|DEBUG|What if):') { continue }
            return ($trimmed -replace '\s+', ' ')
        }
        $null
    }
}

AfterAll {
    Complete-TokenLabTest
}

Describe 'Help sources for <Name>' -ForEach $CommandCases {
    BeforeAll {
        $Command = Get-Command -Name $Name -Module TokenLab
        $Page = Get-Page $Name
        $Parameters = Get-Subsection $Page.Sections['PARAMETERS']
        $MamlCommand = Get-MamlCommand $Name
    }

    It 'has a PlatyPS v1 markdown page for TokenLab.dll-Help.xml' {
        $Page.Title | Should -Be $Name
        $Page.FrontMatter['schema'] | Should -Be '2.0.0'
        $Page.FrontMatter['Module Name'] | Should -Be 'TokenLab'
        $Page.FrontMatter['external help file'] | Should -Be ($Command.ImplementingType.Assembly.GetName().Name + '.dll-Help.xml')
        foreach ($section in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
            $Page.Sections.Contains($section) | Should -BeTrue -Because "the page needs ## $section"
        }
        ($Page.Sections['SYNOPSIS'] -join ' ').Trim() | Should -Not -BeNullOrEmpty
        ($Page.Sections['DESCRIPTION'] -join ' ').Trim() | Should -Not -BeNullOrEmpty
        ($Page.Sections['NOTES'] -join ' ').Trim() | Should -Not -BeNullOrEmpty
        (($Page.Sections['RELATED LINKS'] -join "`n") -match '\[[^\]]+\]\([^)]+\)') | Should -BeTrue
        # PlatyPS's placeholders ({{ Fill in the Synopsis }}, ...) must all have been replaced.
        Read-TextFile (Join-Path $PagesRoot ($Name + '.md')) | Should -Not -Match '\{\{'
    }

    It 'has a MAML entry in the file Get-Help reads' {
        $MamlCommand | Should -Not -BeNullOrEmpty
        Split-Path -Leaf $Command.HelpFile | Should -Be 'TokenLab.dll-Help.xml'
    }

    It 'shows one markdown syntax block per parameter set, matching Get-Command' {
        $syntax = Get-Subsection (@('### (All)') + @($Page.Sections['SYNTAX']))
        if ($syntax.Count -gt 1) { $syntax.Remove('(All)') }
        $sets = @($Command.ParameterSets)
        $syntax.Count | Should -Be $sets.Count
        foreach ($set in $sets) {
            $heading = '(All)'
            if ($sets.Count -gt 1) {
                $heading = $set.Name
                if ($set.IsDefault) { $heading = $set.Name + ' (Default)' }
            }
            $syntax.Contains($heading) | Should -BeTrue -Because "the SYNTAX section needs ### $heading"
            $line = ($syntax[$heading].Code[0].Text -replace '\s+', ' ').Trim()
            $line | Should -BeExactly (Format-ExpectedSyntax $Command $set) -Because "the syntax of $heading"
        }
    }

    It 'documents every parameter in markdown with the metadata of each of its parameter sets' {
        $actualNames = @($Command.Parameters.Keys | Where-Object { $CommonParameters -notcontains $_ } | Sort-Object)
        $documentedNames = @($Parameters.Keys | Where-Object { $_ -ne 'CommonParameters' } | ForEach-Object { $_.TrimStart('-') } | Sort-Object)
        $documentedNames -join ',' | Should -Be ($actualNames -join ',')
        $Parameters.Contains('CommonParameters') | Should -BeTrue

        $allSets = @($Command.ParameterSets | ForEach-Object { $_.Name })
        foreach ($parameterName in $actualNames) {
            $entry = $Parameters['-' + $parameterName]
            $entry.Text | Should -Not -BeNullOrEmpty -Because "-$parameterName needs a description"
            $blocks = @($entry.Code | Where-Object { $_.Language -eq 'yaml' } | ForEach-Object { ConvertFrom-ParameterYaml $_.Text })
            $blocks.Count | Should -BeGreaterThan 0 -Because "-$parameterName needs a yaml block"
            $memberSets = @($Command.ParameterSets | Where-Object { @($_.Parameters | ForEach-Object { $_.Name }) -contains $parameterName })
            foreach ($block in $blocks) {
                foreach ($setName in (Split-List $block['Parameter Sets'])) {
                    if ($setName -eq '(All)') {
                        $memberSets.Count | Should -Be $allSets.Count -Because "-$parameterName is documented for (All) sets"
                    }
                    else {
                        @($memberSets | ForEach-Object { $_.Name }) | Should -Contain $setName -Because "-$parameterName is documented for set $setName"
                    }
                }
            }
            foreach ($set in $memberSets) {
                $documentedSet = Get-DocumentedSetName $set.Name
                $block = @($blocks | Where-Object { (Split-List $_['Parameter Sets']) -contains $documentedSet -or (Split-List $_['Parameter Sets']) -contains '(All)' })
                $block.Count | Should -Be 1 -Because "-$parameterName needs one yaml block for set $documentedSet"
                $block = $block[0]
                $expected = Get-ExpectedParameter $Command @($set.Parameters | Where-Object { $_.Name -eq $parameterName })[0]
                $because = "-$parameterName in set $documentedSet"
                $block['Type'] | Should -BeExactly $expected.Type -Because "$because type"
                $block['Required'] | Should -Be $expected.Required.ToString() -Because "$because required"
                $block['Position'] | Should -Be $expected.Position -Because "$because position"
                $pipeline = Get-PipelineFlag $block['Accept pipeline input']
                $pipeline.ByValue | Should -Be $expected.ByValue -Because "$because pipeline input by value"
                $pipeline.ByPropertyName | Should -Be $expected.ByPropertyName -Because "$because pipeline input by property name"
                (@(Split-List $block['Aliases'] | Sort-Object) -join ',') | Should -Be ($expected.Aliases -join ',') -Because "$because aliases"
                $block['Accept wildcard characters'] | Should -Be $expected.Wildcards.ToString() -Because "$because wildcards"
                (@(Split-List $block['Accepted values'] | Sort-Object) -join ',') | Should -Be ($expected.AcceptedValues -join ',') -Because "$because accepted values"
                $block['Default value'] | Should -Not -BeNullOrEmpty -Because "$because default value"
            }
        }
    }

    It 'lists the pipeline input types under INPUTS and the [OutputType] under OUTPUTS' {
        $inputs = @((Get-Subsection $Page.Sections['INPUTS']).Keys)
        $pipelineTypes = @($Command.Parameters.Values |
                Where-Object { $CommonParameters -notcontains $_.Name } |
                Where-Object { @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) }).Count -gt 0 } |
                ForEach-Object { $_.ParameterType.FullName } | Sort-Object -Unique)
        if ($pipelineTypes.Count -eq 0) { $pipelineTypes = @('None') }
        (@($inputs | Sort-Object) -join ',') | Should -Be ($pipelineTypes -join ',')

        $outputs = @((Get-Subsection $Page.Sections['OUTPUTS']).Keys)
        foreach ($type in $Command.OutputType) {
            $expectedName = $type.Name
            if ($expectedName -eq 'System.Void') { $expectedName = 'None' }
            $outputs | Should -Contain $expectedName
        }
        foreach ($name in $outputs) {
            if ($name -ne 'None') { @($Command.OutputType | ForEach-Object { $_.Name }) | Should -Contain $name }
        }
    }

    It 'has one MAML syntax item per parameter set, with the metadata of that set' {
        $items = @($MamlCommand.SelectNodes('command:syntax/command:syntaxItem', $Ns))
        $sets = @($Command.ParameterSets)
        $items.Count | Should -Be $sets.Count
        foreach ($set in $sets) {
            $names = @(Get-SetParameter $set | ForEach-Object { $_.Name } | Sort-Object) -join ','
            $matching = @($items | Where-Object { (@($_.SelectNodes('command:parameter/maml:name', $Ns) | ForEach-Object { $_.InnerText } | Sort-Object) -join ',') -eq $names })
            $matching.Count | Should -Be 1 -Because "one syntax item must have exactly the parameters of set $($set.Name): $names"
            foreach ($parameter in (Get-SetParameter $set)) {
                $node = $matching[0].SelectSingleNode("command:parameter[maml:name='$($parameter.Name)']", $Ns)
                $expected = Get-ExpectedParameter $Command $parameter
                $position = $node.GetAttribute('position')
                $expectedPosition = $expected.Position.ToLowerInvariant()
                $position | Should -Be $expectedPosition -Because "-$($parameter.Name) position in set $($set.Name)"
                Assert-MamlParameter -Node $node -Expected $expected -Because "-$($parameter.Name) in set $($set.Name)" -InSyntax
                $accepted = @($node.SelectNodes('command:parameterValueGroup/command:parameterValue', $Ns) | ForEach-Object { $_.InnerText } | Sort-Object)
                ($accepted -join ',') | Should -Be ($expected.AcceptedValues -join ',') -Because "-$($parameter.Name) accepted values"
            }
        }
    }

    It 'lists every parameter once in the MAML parameters, with its type and description' {
        $nodes = @($MamlCommand.SelectNodes('command:parameters/command:parameter', $Ns))
        $names = @($nodes | ForEach-Object { (Get-NodeText $_ 'maml:name') } | Sort-Object)
        $expectedNames = @($Command.Parameters.Keys | Where-Object { $CommonParameters -notcontains $_ } | Sort-Object)
        ($names -join ',') | Should -Be ($expectedNames -join ',')
        foreach ($node in $nodes) {
            $name = Get-NodeText $node 'maml:name'
            # The parameters section carries a parameter's first parameter set, as PlatyPS writes it.
            $set = @($Command.ParameterSets | Where-Object { @($_.Parameters | ForEach-Object { $_.Name }) -contains $name })[0]
            $expected = Get-ExpectedParameter $Command @($set.Parameters | Where-Object { $_.Name -eq $name })[0]
            Assert-MamlParameter -Node $node -Expected $expected -Because "-$name"
        }
    }

    It 'has a synopsis, description, notes, examples and links in the MAML' {
        (Get-NodeText $MamlCommand 'command:details/maml:description').Trim() | Should -Not -BeNullOrEmpty
        (Get-NodeText $MamlCommand 'maml:description').Trim() | Should -Not -BeNullOrEmpty
        (Get-NodeText $MamlCommand 'maml:alertSet').Trim() | Should -Not -BeNullOrEmpty
        @($MamlCommand.SelectNodes('command:examples/command:example', $Ns)).Count | Should -BeGreaterOrEqual 2
        @($MamlCommand.SelectNodes('command:relatedLinks/maml:navigationLink', $Ns)).Count | Should -BeGreaterThan 0
    }

    It 'shows full help in Get-Help: synopsis, description, every parameter described, two or more examples' {
        $help = Get-Help -Name $Name -Full
        $synopsis = ([string]$help.Synopsis).Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help makes the syntax the synopsis; placeholders are PlatyPS's {{ ... }}.
        $synopsis | Should -Not -BeLike "$Name *"
        $synopsis | Should -Not -Match '\{\{|Fill in|TODO'
        $synopsis | Should -Be (($Page.Sections['SYNOPSIS'] -join ' ').Trim())
        (@($help.description | ForEach-Object { $_.Text }) -join ' ').Trim() | Should -Not -BeNullOrEmpty
        foreach ($parameterName in @($Command.Parameters.Keys | Where-Object { $CommonParameters -notcontains $_ })) {
            $parameterHelp = @($help.parameters.parameter | Where-Object { $_.name -eq $parameterName })
            $parameterHelp.Count | Should -Be 1 -Because "Get-Help shows -$parameterName"
            (@($parameterHelp[0].description | ForEach-Object { $_.Text }) -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$parameterName needs a description"
        }
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            ([string]$example.code).Trim() | Should -Not -BeNullOrEmpty
            (@($example.remarks | ForEach-Object { $_.Text }) -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }
        $text = $help | Out-String -Width 200
        $text | Should -Match 'RELATED LINKS'
    }
}

Describe 'Compiled help' {
    It 'has a markdown page and a MAML entry for the exported cmdlets only' {
        $exported = @(Get-Command -Module TokenLab -CommandType Cmdlet | ForEach-Object { $_.Name } | Sort-Object)
        $pages = @(Get-ChildItem -Path $PagesRoot -Filter '*.md' | Where-Object { $_.BaseName -ne 'TokenLab' } | ForEach-Object { $_.BaseName } | Sort-Object)
        ($pages -join ',') | Should -Be ($exported -join ',')
        $entries = @($Maml.SelectNodes('/msh:helpItems/command:command/command:details/command:name', $Ns) | ForEach-Object { $_.InnerText } | Sort-Object)
        ($entries -join ',') | Should -Be ($exported -join ',')
    }

    It 'is exactly what tools/ConvertTo-MamlHelp.ps1 makes of the markdown now' {
        $output = Join-Path $TestDrive 'en-US'
        $null = & $Converter -OutputPath $output
        $generated = @(Get-ChildItem -LiteralPath $output -File | ForEach-Object { $_.Name } | Sort-Object)
        $committed = @(Get-ChildItem -LiteralPath $CompiledRoot -File | ForEach-Object { $_.Name } | Sort-Object)
        ($committed -join ',') | Should -Be ($generated -join ',')
        foreach ($name in $generated) {
            $fresh = Read-TextFile (Join-Path $output $name)
            $current = Read-TextFile (Join-Path $CompiledRoot $name)
            ($current -ceq $fresh) | Should -BeTrue -Because "docs/en-US/$name must be regenerated: dotnet pwsh ./tools/ConvertTo-MamlHelp.ps1"
        }
    }

    It 'ships the committed help in en-US next to TokenLab.dll in the built module' {
        foreach ($file in (Get-ChildItem -LiteralPath $CompiledRoot -File)) {
            $shipped = Join-Path (Join-Path $ModuleBase 'en-US') $file.Name
            $shipped | Should -Exist
            ((Read-TextFile $shipped) -ceq (Read-TextFile $file.FullName)) | Should -BeTrue -Because "out/TokenLab/en-US/$($file.Name) is stale: rebuild the module"
        }
        (Get-Command Get-TokenLabModel).Module.ModuleBase | Should -Be $ModuleBase
    }

    It 'has a module page that lists every cmdlet with its synopsis' {
        $lines = @((Read-TextFile (Join-Path $PagesRoot 'TokenLab.md')) -split "`n")
        ($lines -join "`n") | Should -Match 'Module Name: TokenLab'
        ($lines -join "`n") | Should -Match ('Module Guid: ' + (Get-Module TokenLab).Guid)
        foreach ($name in @(Get-Command -Module TokenLab -CommandType Cmdlet | ForEach-Object { $_.Name })) {
            $index = [array]::IndexOf($lines, "### [$name]($name.md)")
            $index | Should -BeGreaterThan -1 -Because "the module page lists $name"
            $lines[$index + 1].Trim() | Should -Be (((Get-Page $name).Sections['SYNOPSIS'] -join ' ').Trim())
        }
    }
}

Describe 'about_TokenLab' {
    BeforeAll {
        $AboutText = Read-TextFile (Join-Path $CompiledRoot 'about_TokenLab.help.txt')
    }

    It 'is shown by Get-Help about_TokenLab' {
        $text = Get-Help about_TokenLab | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match 'TOKENLAB_API_KEY'
    }

    It 'is plain ASCII text of at most 80 columns' {
        foreach ($line in ($AboutText -split "`n")) {
            $line.Length | Should -BeLessOrEqual 80 -Because "'$line'"
            $line | Should -Not -Match '[^\x09\x20-\x7E]' -Because "Windows PowerShell reads the file without a byte order mark: '$line'"
        }
    }

    It 'explains every error ID the module writes' {
        $errorIds = [TokenLab.PowerShell.Errors.ErrorIds].GetFields() | Where-Object { $_.IsLiteral } | ForEach-Object { $_.GetValue($null) }
        @($errorIds).Count | Should -BeGreaterThan 10
        foreach ($id in $errorIds) {
            $AboutText | Should -Match ([regex]::Escape($id) + ' \(') -Because "about_TokenLab lists $id with its category"
        }
    }

    It 'names every environment variable the module reads' {
        $type = [TokenLab.PowerShell.Errors.ErrorIds].Assembly.GetType('TokenLab.PowerShell.Credentials.EnvironmentSettings', $true)
        $variables = $type.GetFields([System.Reflection.BindingFlags]'Public, NonPublic, Static') | Where-Object { $_.IsLiteral } | ForEach-Object { $_.GetValue($null) }
        @($variables).Count | Should -BeGreaterThan 0
        foreach ($variable in $variables) { $AboutText | Should -Match ([regex]::Escape($variable)) }
    }

    It 'covers credentials, the emulator, proxy, timeouts, retries, request IDs and the service rules' {
        foreach ($pattern in 'Set-SecretStoreConfiguration -Scope CurrentUser -Authentication None', '-Interaction None', 'Unlock-SecretStore',
            'Get-AutomationVariable', 'TOKENLAB_API_KEY_SECRET', 'dotnet run --project src/TokenLab.Emulator -- --urls http://127.0.0.1:5099',
            'sk-emulator-local-key', 'HTTPS_PROXY', '30 seconds', '300', 'Retry-After', '-MaxRetryWaitSec', '\$Error\[0\]\.Exception\.RequestId',
            'instead of replaying', 'processing', 'close event', 'new session', 'secrets') {
            $AboutText | Should -Match $pattern
        }
    }
}

Describe 'Example <Command>: <Title>' -ForEach $ExampleCases {
    It 'runs against the emulator without errors' {
        if ($NeedsOutside) {
            Set-ItResult -Skipped -Because $NeedsOutside
            return
        }
        $baseUri = $env:TOKENLAB_TEST_BASEURI.TrimEnd('/')
        $code = $ExampleCode.Replace($DocumentedEmulator, $baseUri).Replace($DocumentedKey, $env:TOKENLAB_TEST_APIKEY)

        try {
            # A runspace of its own: an example's Connect-TokenLab cannot leak into the next one.
            $run = Invoke-DocExample -Code $code
            ($run.Errors -join "`n") | Should -BeNullOrEmpty
            $run.HadErrors | Should -BeFalse

            if ($null -ne $ExpectedOutput) {
                $expected = Get-SignificantLine ($ExpectedOutput.Replace($DocumentedEmulator, $baseUri))
                if ($null -ne $expected) {
                    $actualLines = @($run.Text -split "`n" | ForEach-Object { ($_.Trim() -replace '\s+', ' ') })
                    $actualLines | Should -Contain $expected -Because 'the documented output must still be what the example shows'
                }
            }
        }
        finally {
            Clear-TokenLabEnvironment
        }
    }
}
